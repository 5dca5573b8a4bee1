using Bridges.Core.Content;
using Bridges.Core.Database;
using Bridges.Core.Network;
using Bridges.Matrix.Errors;
using Bridges.Matrix.Events;

namespace Bridges.Core.Portals;

internal sealed partial class RemoteEventHandler
{
    private async Task<RemoteEventResult> BridgeEditAsync(RemoteEdit edit, CancellationToken ct)
    {
        var target = (await bridge.Stores.Messages.GetPartsAsync(portal.Key, edit.TargetId, ct).ConfigureAwait(false)).FirstOrDefault();
        if (target is null)
        {
            return RemoteEventResult.Ignored;
        }

        var intent = await SenderIntentAsync(edit.Sender, ct).ConfigureAwait(false);
        var (mentions, mentioned) = Mentions(edit.NewContent, null, intent);
        var newContent = ContentConverter.ToMatrixText(edit.NewContent, mentions, mentioned);
        if (target.Part.Value.StartsWith("file", StringComparison.Ordinal) && edit.NewContent.Attachments is [var media, ..])
        {
            // A caption edit of a file or image: the new content is that same kind of event with the new caption.
            var uri = await MediaUpload.UploadAsync(intent, media, bridge.Options.MaxMediaBytes, ct).ConfigureAwait(false);
            newContent = ContentConverter.ToMatrixMedia(media, uri, newContent?.Body);
        }

        newContent ??= MessageContent.Text(string.Empty);
        var content = newContent with
        {
            Body = "* " + newContent.Body,
            FormattedBody = newContent.FormattedBody is null ? null : "* " + newContent.FormattedBody,
            NewContent = newContent,
            RelatesTo = RelatesTo.Replace(target.EventId),
        };
        // The new text is part of the id: networks with whole-second edit times (Telegram) give two quick edits one
        // timestamp, and a reused txn id would make the homeserver hand back the first edit instead of sending the second.
        var txn = TxnId(bridge.Network, portal.Key, "edit", edit.TargetId.Value,
            string.Join('\n', Stamp(edit.Timestamp), newContent.Body, newContent.FormattedBody, newContent.Url?.Value));
        await intent.SendMessageAsync(portal.RoomId!.Value, content, txn, ct).ConfigureAwait(false);
        return RemoteEventResult.Bridged;
    }

    private async Task<RemoteEventResult> BridgeRedactionAsync(RemoteRedaction redaction, CancellationToken ct)
    {
        var parts = await bridge.Stores.Messages.GetPartsAsync(portal.Key, redaction.TargetId, ct).ConfigureAwait(false);
        if (parts.Count == 0)
        {
            return RemoteEventResult.Ignored;
        }

        var intent = await SenderIntentAsync(redaction.Sender, ct).ConfigureAwait(false);
        foreach (var part in parts)
        {
            var txn = TxnId(bridge.Network, portal.Key, "redact", redaction.TargetId.Value, part.Part.Value);
            try
            {
                await intent.RedactAsync(part.RoomId, part.EventId, null, txn, ct).ConfigureAwait(false);
            }
            catch (MatrixException e) when (e.Errcode == MatrixErrorCodes.Forbidden)
            {
                // A moderator deleting someone else's message: the bot has the power the ghost lacks.
                await bridge.Intents.Bot.RedactAsync(part.RoomId, part.EventId, null, txn, ct).ConfigureAwait(false);
            }
        }

        await bridge.Stores.Messages.DeleteAsync(portal.Key, redaction.TargetId, ct).ConfigureAwait(false);
        return RemoteEventResult.Bridged;
    }

    private async Task<RemoteEventResult> BridgeReactionAsync(RemoteReaction reaction, CancellationToken ct)
    {
        var target = (await bridge.Stores.Messages.GetPartsAsync(portal.Key, reaction.TargetId, ct).ConfigureAwait(false)).FirstOrDefault();
        if (target is null)
        {
            return RemoteEventResult.Ignored;
        }

        if (await bridge.Stores.Messages.GetReactionAsync(portal.Key, reaction.TargetId, reaction.Sender.User, reaction.Emoji, ct).ConfigureAwait(false) is not null)
        {
            return RemoteEventResult.Duplicate;
        }

        var intent = await SenderIntentAsync(reaction.Sender, ct).ConfigureAwait(false);
        // When and which reaction are part of the id: a reaction taken back and added again is a new event, and the
        // homeserver would otherwise answer the re-add with the first (redacted) reaction for 30-60 minutes.
        var txn = TxnId(bridge.Network, portal.Key, "react", reaction.TargetId.Value,
            string.Join('\n', reaction.Sender.User.Value, reaction.Emoji.Value, Stamp(reaction.Timestamp), reaction.ReactionId?.Value));
        var eventId = await intent.ReactAsync(target.RoomId, target.EventId, reaction.Emoji.Value, txn, ct).ConfigureAwait(false);
        await bridge.Stores.Messages.TryAddReactionAsync(new ReactionRecord
        {
            Portal = portal.Key, TargetId = reaction.TargetId, Sender = reaction.Sender.User, Emoji = reaction.Emoji,
            RoomId = target.RoomId, EventId = eventId, RemoteReactionId = reaction.ReactionId,
        }, ct).ConfigureAwait(false);
        return RemoteEventResult.Bridged;
    }

    private async Task<RemoteEventResult> BridgeReactionRemovedAsync(RemoteReactionRemoved removed, CancellationToken ct)
    {
        var existing = await bridge.Stores.Messages.GetReactionAsync(portal.Key, removed.TargetId, removed.Sender.User, removed.Emoji, ct).ConfigureAwait(false);
        if (existing is null)
        {
            return RemoteEventResult.Ignored;
        }

        var intent = await SenderIntentAsync(removed.Sender, ct).ConfigureAwait(false);
        await intent.RedactAsync(existing.RoomId, existing.EventId, null, TxnId(bridge.Network, portal.Key, "unreact", existing.EventId.Value, string.Empty), ct).ConfigureAwait(false);
        await bridge.Stores.Messages.DeleteReactionAsync(existing.RoomId, existing.EventId, ct).ConfigureAwait(false);
        return RemoteEventResult.Bridged;
    }

    private async Task<RemoteEventResult> BridgeMembershipAsync(RemoteMembership membership, CancellationToken ct)
    {
        var room = portal.RoomId!.Value;
        var target = bridge.Intents.Get(bridge.GhostUserId(membership.Target));
        switch (membership.Change)
        {
            case MembershipChange.Join:
                await bridge.Ghosts.EnsureGhostAsync(membership.Target, bridge.AnyClientFor(portal.Record), ct).ConfigureAwait(false);
                await target.EnsureJoinedAsync(room, ct).ConfigureAwait(false);
                break;
            case MembershipChange.Leave:
                await target.LeaveAsync(room, membership.Reason, ct).ConfigureAwait(false);
                break;
            case MembershipChange.Kick:
                var kicker = membership.Sender.User == membership.Target ? bridge.Intents.Bot : await SenderIntentAsync(membership.Sender, ct).ConfigureAwait(false);
                await KickOrBotAsync(kicker, k => k.KickAsync(room, target.UserId, membership.Reason, ct), ct).ConfigureAwait(false);
                break;
            case MembershipChange.Ban:
                var banner = await SenderIntentAsync(membership.Sender, ct).ConfigureAwait(false);
                await KickOrBotAsync(banner, b => b.BanAsync(room, target.UserId, membership.Reason, ct), ct).ConfigureAwait(false);
                break;
            case MembershipChange.Unban:
                await bridge.Intents.Bot.UnbanAsync(room, target.UserId, membership.Reason, ct).ConfigureAwait(false);
                break;
            case MembershipChange.Invite:
                await bridge.Intents.Bot.InviteAsync(room, target.UserId, ct).ConfigureAwait(false);
                break;
        }

        return RemoteEventResult.Bridged;
    }

    private async Task KickOrBotAsync(Matrix.Client.Intent actor, Func<Matrix.Client.Intent, Task> action, CancellationToken ct)
    {
        try
        {
            await action(actor).ConfigureAwait(false);
        }
        catch (MatrixException e) when (e.Errcode == MatrixErrorCodes.Forbidden && !actor.IsBot)
        {
            // The remote moderator's ghost may lack Matrix power; the bot carries the action out for them.
            ct.ThrowIfCancellationRequested();
            await action(bridge.Intents.Bot).ConfigureAwait(false);
        }
    }

    private async Task<RemoteEventResult> BridgeChatInfoAsync(ChatInfo info, CancellationToken ct)
    {
        var room = portal.RoomId!.Value;
        var bot = bridge.Intents.Bot;
        var record = portal.Record;
        if (info.Name is { } name && name != record.Name && !record.IsDirect)
        {
            await bot.SendStateAsync(room, EventTypes.Name, string.Empty, new NameContent(name), MatrixJsonContext.Default.NameContent, ct).ConfigureAwait(false);
            record = record with { Name = name };
        }

        if (info.Topic is { } topic && topic != record.Topic)
        {
            await bot.SendStateAsync(room, EventTypes.Topic, string.Empty, new TopicContent(topic), MatrixJsonContext.Default.TopicContent, ct).ConfigureAwait(false);
            record = record with { Topic = topic };
        }

        if (info.Avatar is { } avatar && info.AvatarId != record.AvatarId)
        {
            var uri = await MediaUpload.UploadAsync(bot, avatar, bridge.Options.MaxMediaBytes, ct).ConfigureAwait(false);
            await bot.SendStateAsync(room, EventTypes.Avatar, string.Empty, new AvatarContent(uri), MatrixJsonContext.Default.AvatarContent, ct).ConfigureAwait(false);
            record = record with { AvatarId = info.AvatarId, AvatarUrl = uri };
        }

        var moved = info.Parent is { } parent && parent != record.Parent && parent != record.Key;
        var oldParent = record.Parent;
        if (moved)
        {
            record = record with { Parent = info.Parent };
        }

        if (!ReferenceEquals(record, portal.Record))
        {
            await bridge.Stores.Portals.UpsertAsync(record, ct).ConfigureAwait(false);
            portal.Record = record;
        }

        if (moved)
        {
            // Moved to another category: out of the old space, into the new one.
            if (oldParent is { } old && (await bridge.Stores.Portals.GetAsync(old, ct).ConfigureAwait(false))?.RoomId is { } oldSpace)
            {
                await PortalSpaces.UnlinkAsync(bridge, oldSpace, room, ct).ConfigureAwait(false);
            }

            var owner = portal.Key.Receiver is { } receiver ? bridge.LoginFor(receiver) : null;
            await PortalSpaces.LinkAsync(bridge, record, info, bridge.AnyClientFor(record), owner, 0, ct).ConfigureAwait(false);
        }

        if (info.Members is { } members)
        {
            foreach (var member in members.Where(m => !m.IsFromMe))
            {
                var ghost = await bridge.Ghosts.EnsureGhostAsync(member.User, bridge.AnyClientFor(record), ct).ConfigureAwait(false);
                await ghost.EnsureJoinedAsync(room, ct).ConfigureAwait(false);
            }

            await PowerLevelSync.ApplyAsync(bridge, room, members.Where(m => !m.IsFromMe).ToDictionary(m => bridge.GhostUserId(m.User), m => (long)m.PowerLevel), ct).ConfigureAwait(false);
        }

        return RemoteEventResult.Bridged;
    }

    private async Task<RemoteEventResult> BridgeTypingAsync(RemoteTyping typing, CancellationToken ct)
    {
        var intent = await SenderIntentAsync(typing.Sender, ct).ConfigureAwait(false);
        await intent.SetTypingAsync(portal.RoomId!.Value, typing.IsTyping, typing.Timeout, ct).ConfigureAwait(false);
        return RemoteEventResult.Bridged;
    }

    private async Task<RemoteEventResult> BridgeReceiptAsync(RemoteReceipt receipt, CancellationToken ct)
    {
        var target = (await bridge.Stores.Messages.GetPartsAsync(portal.Key, receipt.UpTo, ct).ConfigureAwait(false)).LastOrDefault();
        if (target is null)
        {
            return RemoteEventResult.Ignored;
        }

        var intent = await SenderIntentAsync(receipt.Sender, ct).ConfigureAwait(false);
        // Only a real user's receipt (double puppeting) comes back to be sent on; a ghost's is skipped there anyway.
        if (!bridge.Intents.Registration.IsExclusiveUser(intent.UserId))
        {
            bridge.ExpectReceiptEcho(target.RoomId, intent.UserId, target.EventId);
        }

        await intent.MarkReadAsync(target.RoomId, target.EventId, ct).ConfigureAwait(false);
        return RemoteEventResult.Bridged;
    }

    private async Task<RemoteEventResult> BridgeChatDeletedAsync(CancellationToken ct)
    {
        var room = portal.RoomId!.Value;
        await bridge.Intents.Bot.SendMessageAsync(room, MessageContent.Notice("This chat was deleted on the remote network; the portal is closed."), null, ct).ConfigureAwait(false);
        await bridge.Stores.Portals.DeleteAsync(portal.Key, ct).ConfigureAwait(false);
        bridge.ForgetPortal(portal.Key, room);
        await bridge.Intents.Bot.LeaveAsync(room, "Remote chat deleted", ct).ConfigureAwait(false);
        return RemoteEventResult.Bridged;
    }

    private async Task<RemoteEventResult> BridgePowerLevelAsync(RemotePowerLevelChanged change, CancellationToken ct)
    {
        var ghost = await bridge.Ghosts.EnsureGhostAsync(change.Target, bridge.AnyClientFor(portal.Record), ct).ConfigureAwait(false);
        await ghost.EnsureJoinedAsync(portal.RoomId!.Value, ct).ConfigureAwait(false);
        await PowerLevelSync.ApplyAsync(bridge, portal.RoomId!.Value, new Dictionary<Bridges.Matrix.Ids.UserId, long> { [ghost.UserId] = change.PowerLevel }, ct).ConfigureAwait(false);
        return RemoteEventResult.Bridged;
    }
}
