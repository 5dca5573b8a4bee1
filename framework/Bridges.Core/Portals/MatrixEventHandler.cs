using Bridges.Core.Bridge;
using Bridges.Core.Content;
using Bridges.Core.Database;
using Bridges.Core.Logins;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;
using Bridges.Core.Permissions;
using Bridges.Core.Relay;
using Bridges.Matrix.Events;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Portals;

/// <summary>Sends one Matrix event of a portal room to the network; runs on the portal's queue.</summary>
internal sealed partial class MatrixEventHandler(MatrixEventServices services, Portal portal)
{
    private readonly BridgeContext env = services.Env;
    private readonly LoginRegistry logins = services.Logins;

    public async Task<bool> HandleAsync(MatrixEvent evt, CancellationToken ct)
    {
        // A replayed inbox (after a crash) must not send twice what was already mapped.
        if (await env.Stores.Messages.IsEventKnownAsync(evt.RoomId, evt.EventId, ct).ConfigureAwait(false))
        {
            return false;
        }

        switch (evt.Type)
        {
            case EventTypes.Message or EventTypes.Sticker when evt.ContentAs(MatrixJsonContext.Default.MessageContent) is { } content:
                return content.RelatesTo?.RelType == RelationTypes.Replace
                    ? await SendEditAsync(evt, content, ct).ConfigureAwait(false)
                    : await SendMessageAsync(evt, content, ct).ConfigureAwait(false);
            case EventTypes.Reaction when evt.ContentAs(MatrixJsonContext.Default.ReactionContent) is { } reaction:
                return await SendReactionAsync(evt, reaction, ct).ConfigureAwait(false);
            case EventTypes.Redaction when evt.RedactedEventId is { } target:
                return await SendRedactionAsync(evt, target, ct).ConfigureAwait(false);
            default:
                return await new MatrixStateHandler(services, portal).HandleAsync(evt, ct).ConfigureAwait(false);
        }
    }

    /// <summary>The sender's own login for this portal, else the relay (with the template to apply), else null.</summary>
    private (UserLogin Login, INetworkClient Client, bool Relayed)? PickSender(UserId sender)
    {
        foreach (var (login, client) in services.Logins.ConnectedFor(sender, portal.Key))
        {
            if (client is not IPortalScope scope || scope.Serves(portal.Key))
            {
                return (login, client, false);
            }
        }

        if (env.Options.Relay.Enabled && env.PermissionOf(sender) >= PermissionLevel.Relay && services.Logins.RelayFor(portal.Record) is { } relayId
            && services.Logins.ClientFor(relayId) is { } relayClient && services.Logins.LoginFor(relayId) is { } relayLogin)
        {
            return (relayLogin, relayClient, true);
        }

        return null;
    }

    private async Task<bool> SendMessageAsync(MatrixEvent evt, MessageContent content, CancellationToken ct)
    {
        var room = evt.RoomId;
        var picked = PickSender(evt.Sender);
        if (picked is null or { Relayed: true } && await services.LoginService.EnsureImplicitAsync(evt.Sender, portal.Key, ct).ConfigureAwait(false) is { } own)
        {
            picked = (own.Login, own.Client, false);
        }

        if (picked is not { } sender)
        {
            await new FailureNotices(env).MatrixFailedAsync(room, evt.EventId,
                $"you are not logged in to {env.NetworkName} and this room has no relay. Log in from your management room with `login`.", retriable: false, ct).ConfigureAwait(false);
            return false;
        }

        // A sticker has no msgtype: it is an image whose body describes it.
        if (evt.Type == EventTypes.Sticker && content.Url is not null)
        {
            content = content with { MsgType = MessageTypes.Image, FileName = content.FileName ?? StickerFileName(content) };
        }

        // In a thread, m.in_reply_to with is_falling_back only points at the thread's latest event for clients that
        // do not show threads: it is not a reply.
        var replyEvent = content.RelatesTo is { RelType: RelationTypes.Thread, IsFallingBack: true } ? null : content.RelatesTo?.InReplyTo?.EventId;
        var replyTo = replyEvent is { } target
            ? (await env.Stores.Messages.GetByEventAsync(room, target, ct).ConfigureAwait(false))?.RemoteId
            : null;
        var mentions = (content.Mentions?.UserIds ?? []).Select(u => env.Ghosts.RemoteIdFor(u)).OfType<RemoteUserId>().ToList();
        var bridged = ContentConverter.FromMatrix(content, env.Intents.Bot, replyTo, mentions, env.Ghosts.RemoteIdFor);
        if (content.RelatesTo is { RelType: RelationTypes.Thread, EventId: { } root })
        {
            bridged = bridged with { ThreadRoot = (await env.Stores.Messages.GetByEventAsync(room, root, ct).ConfigureAwait(false))?.RemoteId };
        }

        var caps = CapabilitiesOf(sender.Client);
        if (!caps.Replies)
        {
            bridged = bridged with { ReplyTo = null };
        }

        var user = new BridgeUser(evt.Sender, env.PermissionOf(evt.Sender));
        RelayInfo? relay = null;
        string? relayName = null;
        if (sender.Relayed)
        {
            relayName = RelayTemplates.SafeName(await services.Members.DisplayNameAsync(room, evt.Sender, ct).ConfigureAwait(false));
            var avatar = services.Members.AvatarOf(room, evt.Sender);
            relay = new RelayInfo(relayName, evt.Sender.Value) { AvatarMxc = avatar, AvatarUrl = avatar is null ? null : services.Media.LinkFor(avatar, null) };
            user = user with { DisplayName = relayName };
        }

        // Text over the network's limit goes out in several messages, each within it (and each with the relay
        // template where the network has no per-message profile, so every part says who wrote it); the first stands
        // for the event in the message map. A native profile gets the bare text plus the templated text to fall back on.
        var templated = relayName is not null && !caps.NativeRelayProfiles;
        var budget = caps.MaxTextLength - (!templated ? 0 : RelayTemplates.Apply(env.Options.Relay, BridgedContent.FromText(string.Empty), relayName!, evt.Sender.Value).Text.Length);
        var bare = TextSplitter.Split(bridged, caps.MaxTextLength > 0 ? Math.Max(budget, 16) : 0);
        var fallbacks = relayName is null ? null : bare.Select(p => RelayTemplates.Apply(env.Options.Relay, p, relayName, evt.Sender.Value, !caps.MultilineMessages)).ToList();
        var parts = templated ? fallbacks! : bare;
        RelayInfo? RelayFor(int part) => relay is null ? null : templated ? relay : relay with { Fallback = fallbacks![part] };

        var echoToken = evt.EventId.Value;
        portal.PendingEchoes[echoToken] = evt.EventId;
        var outgoing = new OutgoingMessage(portal.Key, parts[0], user, echoToken, RelayFor(0))
        {
            ReplyChain = bridged.ReplyTo is { } replied ? await ReplyChainAsync(replied, ct).ConfigureAwait(false) : [],
        };
        // Marked as sending before the network call: a crash before the mapping leaves the mark, and when the event
        // comes again the network is asked first where it can answer (split messages are simply sent again).
        var result = parts.Count == 1 ? await SettleEarlierSendAsync(sender.Client, evt.EventId, outgoing, ct).ConfigureAwait(false) : null;
        if (result is null)
        {
            await MarkSendingAsync(sender.Client, evt.EventId, ct).ConfigureAwait(false);
            result = await DeliverAsync(evt, () => sender.Client.SendMessageAsync(outgoing, ct), ct).ConfigureAwait(false);
        }

        for (var i = 1; result is not null && i < parts.Count; i++)
        {
            // Echoes of the later parts are ours too: their tokens name the same event, so none is bridged back. The
            // event is mapped only once every part is out: a crash in between resends it rather than losing the rest.
            var partToken = $"{echoToken}#{i}";
            portal.PendingEchoes[partToken] = evt.EventId;
            var part = new OutgoingMessage(portal.Key, parts[i] with { ReplyTo = null }, user, partToken, RelayFor(i));
            if (await DeliverAsync(evt, () => sender.Client.SendMessageAsync(part, ct), ct).ConfigureAwait(false) is { Id: not null })
            {
                portal.PendingEchoes.TryRemove(partToken, out _);
            }
        }

        if (result?.Id is { } remoteId)
        {
            portal.PendingEchoes.TryRemove(echoToken, out _);
            await env.Stores.Messages.TryAddAsync(new MessageRecord
            {
                Portal = portal.Key, RemoteId = remoteId, RoomId = room, EventId = evt.EventId, MatrixSender = evt.Sender,
                Sender = new RemoteUserId(sender.Login.Id.Value), Timestamp = result.Timestamp ?? evt.Timestamp, ThreadRoot = bridged.ThreadRoot,
                ReplyTo = bridged.ReplyTo,
            }, ct).ConfigureAwait(false);
        }
        else if (result is null)
        {
            portal.PendingEchoes.TryRemove(echoToken, out _);
        }

        await ClearSendingAsync(sender.Client, evt.EventId, ct).ConfigureAwait(false);
        return result is not null;
    }

    /// <summary>The replied-to message and its ancestors, following the reply targets the message map recorded.</summary>
    private async Task<IReadOnlyList<RemoteMessageId>> ReplyChainAsync(RemoteMessageId replied, CancellationToken ct)
    {
        var chain = new List<RemoteMessageId> { replied };
        var next = replied;
        while (chain.Count < OutgoingMessage.MaxReplyChain
            && (await env.Stores.Messages.GetPartsAsync(portal.Key, next, ct).ConfigureAwait(false)).FirstOrDefault()?.ReplyTo is { } parent
            && !chain.Contains(parent))
        {
            chain.Add(parent);
            next = parent;
        }

        return chain;
    }

    /// <summary>What this portal's chat can carry, as the client that sends there says.</summary>
    private NetworkCapabilities CapabilitiesOf(INetworkClient client) =>
        env.CapabilitiesOf(client, portal.Key);

    private static string StickerFileName(MessageContent sticker)
    {
        var extension = sticker.Info?.MimeType?.Split('/') is [_, var sub] ? "." + sub.Split('+')[0] : string.Empty;
        var name = string.IsNullOrWhiteSpace(sticker.Body) ? "sticker" : sticker.Body;
        return name.EndsWith(extension, StringComparison.OrdinalIgnoreCase) ? name : name + extension;
    }
}
