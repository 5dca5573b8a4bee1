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
        var target = (await env.Stores.Messages.GetPartsAsync(portal.Key, edit.TargetId, ct).ConfigureAwait(false)).FirstOrDefault();
        if (target is null)
        {
            return RemoteEventResult.Ignored;
        }

        var intent = await SenderIntentAsync(edit.Sender, ct).ConfigureAwait(false);
        var (mentions, mentioned) = Mentions(edit.NewContent, null, intent);
        var newContent = ContentConverter.ToMatrixText(await WithInlineImagesAsync(edit.NewContent, intent, ct).ConfigureAwait(false), mentions, mentioned);
        if (target.Part.Value.StartsWith("file", StringComparison.Ordinal) && edit.NewContent.Attachments is [var media, ..])
        {
            // A caption edit of a file or image: the new content is that same kind of event with the new caption.
            var uri = await MediaUpload.UploadAsync(intent, media, env.Options.MaxMediaBytes, ct).ConfigureAwait(false);
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
        var txn = TxnId(env.Network, portal.Key, "edit", edit.TargetId.Value,
            string.Join('\n', Stamp(edit.Timestamp), newContent.Body, newContent.FormattedBody, newContent.Url?.Value));
        await intent.SendMessageAsync(portal.RoomId!.Value, content, txn, ct).ConfigureAwait(false);
        return RemoteEventResult.Bridged;
    }

    private async Task<RemoteEventResult> BridgeRedactionAsync(RemoteRedaction redaction, CancellationToken ct)
    {
        var parts = await env.Stores.Messages.GetPartsAsync(portal.Key, redaction.TargetId, ct).ConfigureAwait(false);
        if (parts.Count == 0)
        {
            return RemoteEventResult.Ignored;
        }

        var intent = await SenderIntentAsync(redaction.Sender, ct).ConfigureAwait(false);
        foreach (var part in parts)
        {
            var txn = TxnId(env.Network, portal.Key, "redact", redaction.TargetId.Value, part.Part.Value);
            try
            {
                await intent.RedactAsync(part.RoomId, part.EventId, null, txn, ct).ConfigureAwait(false);
            }
            catch (MatrixException e) when (e.Errcode == MatrixErrorCodes.Forbidden)
            {
                // A moderator deleting someone else's message: the bot has the power the ghost lacks.
                await env.Intents.Bot.RedactAsync(part.RoomId, part.EventId, null, txn, ct).ConfigureAwait(false);
            }
        }

        await env.Stores.Messages.DeleteAsync(portal.Key, redaction.TargetId, ct).ConfigureAwait(false);
        return RemoteEventResult.Bridged;
    }

    private async Task<RemoteEventResult> BridgeReactionAsync(RemoteReaction reaction, CancellationToken ct)
    {
        var target = (await env.Stores.Messages.GetPartsAsync(portal.Key, reaction.TargetId, ct).ConfigureAwait(false)).FirstOrDefault();
        if (target is null)
        {
            return RemoteEventResult.Ignored;
        }

        if (await env.Stores.Messages.GetReactionAsync(portal.Key, reaction.TargetId, reaction.Sender.User, reaction.Emoji, ct).ConfigureAwait(false) is not null)
        {
            return RemoteEventResult.Duplicate;
        }

        var intent = await SenderIntentAsync(reaction.Sender, ct).ConfigureAwait(false);
        // When and which reaction are part of the id: a reaction taken back and added again is a new event, and the
        // homeserver would otherwise answer the re-add with the first (redacted) reaction for 30-60 minutes.
        var txn = TxnId(env.Network, portal.Key, "react", reaction.TargetId.Value,
            string.Join('\n', reaction.Sender.User.Value, reaction.Emoji.Value, Stamp(reaction.Timestamp), reaction.ReactionId?.Value));
        var eventId = await intent.ReactAsync(target.RoomId, target.EventId, reaction.Emoji.Value, txn, ct).ConfigureAwait(false);
        await env.Stores.Messages.TryAddReactionAsync(new ReactionRecord
        {
            Portal = portal.Key, TargetId = reaction.TargetId, Sender = reaction.Sender.User, Emoji = reaction.Emoji,
            RoomId = target.RoomId, EventId = eventId, RemoteReactionId = reaction.ReactionId,
        }, ct).ConfigureAwait(false);
        return RemoteEventResult.Bridged;
    }

    private async Task<RemoteEventResult> BridgeReactionRemovedAsync(RemoteReactionRemoved removed, CancellationToken ct)
    {
        var existing = await env.Stores.Messages.GetReactionAsync(portal.Key, removed.TargetId, removed.Sender.User, removed.Emoji, ct).ConfigureAwait(false);
        if (existing is null)
        {
            return RemoteEventResult.Ignored;
        }

        var intent = await SenderIntentAsync(removed.Sender, ct).ConfigureAwait(false);
        await intent.RedactAsync(existing.RoomId, existing.EventId, null, TxnId(env.Network, portal.Key, "unreact", existing.EventId.Value, string.Empty), ct).ConfigureAwait(false);
        await env.Stores.Messages.DeleteReactionAsync(existing.RoomId, existing.EventId, ct).ConfigureAwait(false);
        return RemoteEventResult.Bridged;
    }

    private async Task<RemoteEventResult> BridgeMembershipAsync(RemoteMembership membership, CancellationToken ct)
    {
        var room = portal.RoomId!.Value;
        var target = env.Intents.Get(env.GhostUserId(membership.Target));
        switch (membership.Change)
        {
            case MembershipChange.Join:
                await env.Ghosts.EnsureGhostAsync(membership.Target, logins.AnyClientFor(portal.Record), ct).ConfigureAwait(false);
                await target.EnsureJoinedAsync(room, ct).ConfigureAwait(false);
                break;
            case MembershipChange.Leave:
                await target.LeaveAsync(room, membership.Reason, ct).ConfigureAwait(false);
                break;
            case MembershipChange.Kick:
                var kicker = membership.Sender.User == membership.Target ? env.Intents.Bot : await SenderIntentAsync(membership.Sender, ct).ConfigureAwait(false);
                await KickOrBotAsync(kicker, k => k.KickAsync(room, target.UserId, membership.Reason, ct), ct).ConfigureAwait(false);
                break;
            case MembershipChange.Ban:
                var banner = await SenderIntentAsync(membership.Sender, ct).ConfigureAwait(false);
                await KickOrBotAsync(banner, b => b.BanAsync(room, target.UserId, membership.Reason, ct), ct).ConfigureAwait(false);
                break;
            case MembershipChange.Unban:
                await env.Intents.Bot.UnbanAsync(room, target.UserId, membership.Reason, ct).ConfigureAwait(false);
                break;
            case MembershipChange.Invite:
                await env.Intents.Bot.InviteAsync(room, target.UserId, ct).ConfigureAwait(false);
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
            await action(env.Intents.Bot).ConfigureAwait(false);
        }
    }

    private async Task<RemoteEventResult> BridgeChatInfoAsync(ChatInfo info, CancellationToken ct)
    {
        await rooms.SyncAsync(portal, info, ct).ConfigureAwait(false);
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
        var target = (await env.Stores.Messages.GetPartsAsync(portal.Key, receipt.UpTo, ct).ConfigureAwait(false)).LastOrDefault();
        if (target is null)
        {
            return RemoteEventResult.Ignored;
        }

        var intent = await SenderIntentAsync(receipt.Sender, ct).ConfigureAwait(false);
        // Only a real user's receipt (double puppeting) comes back to be sent on; a ghost's is skipped there anyway.
        if (!env.Intents.Registration.IsExclusiveUser(intent.UserId))
        {
            receipts.Expect(target.RoomId, intent.UserId, target.EventId);
        }

        await intent.MarkReadAsync(target.RoomId, target.EventId, ct).ConfigureAwait(false);
        return RemoteEventResult.Bridged;
    }

    private async Task<RemoteEventResult> BridgeChatDeletedAsync(CancellationToken ct)
    {
        await rooms.CloseDeletedAsync(portal, ct).ConfigureAwait(false);
        return RemoteEventResult.Bridged;
    }

    private async Task<RemoteEventResult> BridgePowerLevelAsync(RemotePowerLevelChanged change, CancellationToken ct)
    {
        var ghost = await env.Ghosts.EnsureGhostAsync(change.Target, logins.AnyClientFor(portal.Record), ct).ConfigureAwait(false);
        await ghost.EnsureJoinedAsync(portal.RoomId!.Value, ct).ConfigureAwait(false);
        await rooms.PowerLevels.ApplyAsync(portal.RoomId!.Value, new Dictionary<Bridges.Matrix.Ids.UserId, long> { [ghost.UserId] = change.PowerLevel }, ct).ConfigureAwait(false);
        return RemoteEventResult.Bridged;
    }
}
