using Bridges.Core.Bridge;
using Bridges.Core.Content;
using Bridges.Core.Database;
using Bridges.Core.Logins;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;
using Bridges.Matrix.Events;
using Microsoft.Extensions.Logging;
using EventId = Bridges.Matrix.Ids.EventId;

namespace Bridges.Core.Portals;

internal sealed partial class MatrixEventHandler
{
    private async Task<bool> SendEditAsync(MatrixEvent evt, MessageContent content, CancellationToken ct)
    {
        if (content.RelatesTo?.EventId is not { } targetEvent || await env.Stores.Messages.GetByEventAsync(evt.RoomId, targetEvent, ct).ConfigureAwait(false) is not { } target)
        {
            return false;
        }

        // A relay may edit only what it relayed for this same user, with the relay template applied again.
        if (PickSender(evt.Sender) is not { } sender || sender.Relayed && target.MatrixSender != evt.Sender)
        {
            return false;
        }

        // A network without edits (or past its edit window) gets the correction as a message of its own, marked as one.
        var caps = CapabilitiesOf(sender.Client);
        var tooLate = caps.EditWindow is { } window && env.Time.GetUtcNow() - target.Timestamp > window;
        if (sender.Client is not IEditSender editor || !caps.Edits || tooLate)
        {
            var replacement = content.NewContent ?? content;
            var corrected = replacement with
            {
                Body = "* " + replacement.Body,
                FormattedBody = replacement.FormattedBody is null ? null : "* " + replacement.FormattedBody,
                RelatesTo = null,
                NewContent = null,
            };
            return await SendMessageAsync(evt, corrected, ct).ConfigureAwait(false);
        }

        var newContent = ContentConverter.FromMatrix(content.NewContent ?? content, env.Intents.Bot, null, [], env.Ghosts.RemoteIdFor);
        // A network that shows the relayed sender on the message itself keeps that profile on an edit: no template.
        if (sender.Relayed && !caps.NativeRelayProfiles)
        {
            var name = Relay.RelayTemplates.SafeName(await services.Members.DisplayNameAsync(evt.RoomId, evt.Sender, ct).ConfigureAwait(false));
            newContent = Relay.RelayTemplates.Apply(env.Options.Relay, newContent, name, evt.Sender.Value, !caps.MultilineMessages);
        }

        var edit = new OutgoingEdit(portal.Key, target.RemoteId, newContent, new BridgeUser(evt.Sender, env.PermissionOf(evt.Sender)));
        return await DeliverAsync(evt, async () => { await editor.SendEditAsync(edit, ct).ConfigureAwait(false); return new SendResult(null); }, ct).ConfigureAwait(false) is not null;
    }

    private async Task<bool> SendReactionAsync(MatrixEvent evt, ReactionContent reaction, CancellationToken ct)
    {
        if (reaction.RelatesTo is not { RelType: RelationTypes.Annotation, EventId: { } targetEvent, Key: { } key }
            || await env.Stores.Messages.GetByEventAsync(evt.RoomId, targetEvent, ct).ConfigureAwait(false) is not { } target
            || PickSender(evt.Sender) is not { Client: var client, Login: var login, Relayed: var relayed })
        {
            return false;
        }

        var caps = CapabilitiesOf(client);
        if (relayed && !caps.RelayedReactions)
        {
            // A relay that cannot react for others: a notice for every reaction in a busy room would be noise.
            return false;
        }

        if (client is not IReactionSender reactor || !caps.Reactions || caps.UnicodeReactionsOnly && !IsEmoji(key))
        {
            await RefuseAsync(evt, caps.Reactions && client is IReactionSender ? $"only emoji can be reactions on {NetworkName}" : $"{NetworkName} has no reactions", ct).ConfigureAwait(false);
            return false;
        }

        var emoji = new EmojiId(key);
        var sender = relayed ? ReactionRecord.RelayedBy(evt.Sender) : new RemoteUserId(login.Id.Value);
        RemoteReactionId? remoteId = null;
        // The relay's reaction is already there when another Matrix user reacted with this emoji before.
        var shared = relayed ? (await env.Stores.Messages.GetReactionsAsync(portal.Key, target.RemoteId, emoji, ct).ConfigureAwait(false)).FirstOrDefault(r => r.IsRelayed) : null;
        if (shared is not null)
        {
            remoteId = shared.RemoteReactionId;
        }
        else
        {
            var outgoing = new OutgoingReaction(portal.Key, target.RemoteId, key, new BridgeUser(evt.Sender, env.PermissionOf(evt.Sender)));
            var result = await DeliverAsync(evt, async () => { remoteId = await reactor.SendReactionAsync(outgoing, ct).ConfigureAwait(false); return new SendResult(null); }, ct).ConfigureAwait(false);
            if (result is null)
            {
                return false;
            }
        }

        await env.Stores.Messages.TryAddReactionAsync(new ReactionRecord
        {
            Portal = portal.Key, TargetId = target.RemoteId, Sender = sender, Emoji = emoji,
            RoomId = evt.RoomId, EventId = evt.EventId, RemoteReactionId = remoteId,
        }, ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Takes a reaction back. The relay's shared reaction stays while another Matrix user still reacts with that emoji;
    /// the record goes first so a crash in between cannot leave it counted.
    /// </summary>
    private async Task<bool> RemoveReactionAsync(MatrixEvent evt, ReactionRecord reaction, CancellationToken ct)
    {
        if (PickSender(evt.Sender) is not { Client: IReactionSender reactor, Relayed: var relayed } || relayed != reaction.IsRelayed)
        {
            return false;
        }

        var user = new BridgeUser(evt.Sender, env.PermissionOf(evt.Sender));
        await env.Stores.Messages.DeleteReactionAsync(evt.RoomId, reaction.EventId, ct).ConfigureAwait(false);
        if (relayed && (await env.Stores.Messages.GetReactionsAsync(portal.Key, reaction.TargetId, reaction.Emoji, ct).ConfigureAwait(false)).Any(r => r.IsRelayed))
        {
            return true;
        }

        var removal = new OutgoingReactionRemoval(portal.Key, reaction.TargetId, reaction.Emoji.Value, reaction.RemoteReactionId, user);
        var done = await DeliverAsync(evt, async () => { await reactor.RemoveReactionAsync(removal, ct).ConfigureAwait(false); return new SendResult(null); }, ct).ConfigureAwait(false);
        return done is not null;
    }

    private async Task<bool> SendRedactionAsync(MatrixEvent evt, EventId targetEvent, CancellationToken ct)
    {
        var user = new BridgeUser(evt.Sender, env.PermissionOf(evt.Sender));
        if (await env.Stores.Messages.GetReactionByEventAsync(evt.RoomId, targetEvent, ct).ConfigureAwait(false) is { } reaction)
        {
            return await RemoveReactionAsync(evt, reaction, ct).ConfigureAwait(false);
        }

        if (await env.Stores.Messages.GetByEventAsync(evt.RoomId, targetEvent, ct).ConfigureAwait(false) is not { } message
            || PickSender(evt.Sender) is not { Client: var client, Relayed: var relayed })
        {
            return false;
        }

        if (client is not IRedactionSender redactor || !CapabilitiesOf(client).Redactions)
        {
            await RefuseAsync(evt, $"messages cannot be deleted on {NetworkName}", ct).ConfigureAwait(false);
            return false;
        }

        // A relay may delete only what it relayed for this same user.
        if (relayed && message.MatrixSender != evt.Sender)
        {
            return false;
        }

        var redaction = new OutgoingRedaction(portal.Key, message.RemoteId, user);
        var result = await DeliverAsync(evt, async () => { await redactor.SendRedactionAsync(redaction, ct).ConfigureAwait(false); return new SendResult(null); }, ct).ConfigureAwait(false);
        if (result is not null)
        {
            await env.Stores.Messages.DeleteAsync(portal.Key, message.RemoteId, ct).ConfigureAwait(false);
        }

        return result is not null;
    }

    private string NetworkName => env.NetworkName;

    /// <summary>What the network cannot take is refused out loud: a notice and a failed message status.</summary>
    private Task RefuseAsync(MatrixEvent evt, string reason, CancellationToken ct) =>
        new FailureNotices(env).MatrixFailedAsync(evt.RoomId, evt.EventId, reason, retriable: false, ct);

    /// <summary>Whether a reaction key is emoji only (no letters, digits or custom-image URIs).</summary>
    private static bool IsEmoji(string key) =>
        key.Length > 0 && !key.Contains("://", StringComparison.Ordinal)
        && (key.Contains('\u20E3', StringComparison.Ordinal) || key.EnumerateRunes().All(r => !System.Text.Rune.IsLetterOrDigit(r) && !System.Text.Rune.IsWhiteSpace(r) || r.Value is 0x200D or 0xFE0F));

    /// <summary>
    /// Runs a send with retries on transient failures (honouring the network's retry-after), and on a final
    /// failure tells the room. Returns null when the send failed for good.
    /// </summary>
    private async Task<SendResult?> DeliverAsync(MatrixEvent evt, Func<Task<SendResult>> send, CancellationToken ct)
    {
        var options = env.Options.Delivery;
        var logger = env.LoggerFactory.CreateLogger<MatrixEventHandler>();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await send().ConfigureAwait(false);
            }
            catch (RemoteTransientException e) when (attempt < options.MaxAttempts)
            {
                var backoff = TimeSpan.FromMilliseconds(Math.Min(options.InitialBackoff.TotalMilliseconds * Math.Pow(2, attempt - 1), options.MaxBackoff.TotalMilliseconds));
                var wait = e.RetryAfter is { } after && after > backoff ? after : backoff;
                Log.RetryingSend(logger, evt.EventId.Value, attempt, (long)wait.TotalMilliseconds);
                await Task.Delay(wait, env.Time, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is RemoteTransientException or RemotePermanentException or MediaTooLargeException or NotSupportedException)
            {
                Log.MatrixEventFailed(logger, evt.EventId.Value, evt.RoomId.Value, e.Message);
                await new FailureNotices(env).MatrixFailedAsync(evt.RoomId, evt.EventId, e.Message, e is RemoteTransientException, ct).ConfigureAwait(false);
                return null;
            }
        }
    }
}
