using System.Security.Cryptography;
using System.Text.Json;
using System.Text;
using Bridges.Core.Bridge;
using Bridges.Core.Content;
using Bridges.Core.Database;
using Bridges.Core.Logins;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;
using Bridges.Matrix.Client;
using Bridges.Matrix.Events;
using Bridges.Matrix.Ids;
using EventId = Bridges.Matrix.Ids.EventId;

namespace Bridges.Core.Portals;

/// <summary>
/// Bridges one remote event into the portal's room; runs on the portal's queue. With <paramref name="backfill"/> set
/// it bridges a fetched past message into an existing room, dated with the message's own time.
/// </summary>
internal sealed partial class RemoteEventHandler(RemoteEventServices services, Portal portal, bool backfill = false)
{
    private readonly BridgeContext env = services.Env;
    private readonly LoginRegistry logins = services.Logins;
    private readonly PortalRoomService rooms = services.Rooms;
    private readonly ReceiptEchoes receipts = services.Receipts;

    public async Task<RemoteEventResult> HandleAsync(RemoteEvent evt, CancellationToken ct)
    {
        if (backfill && (evt is not RemoteMessage || portal.RoomId is null))
        {
            return RemoteEventResult.Ignored;
        }

        if (evt is RemoteMessage message && await IsDuplicateOrEchoAsync(message, ct).ConfigureAwait(false))
        {
            return RemoteEventResult.Duplicate;
        }

        if (evt is RemoteUserInfoChanged profile)
        {
            // A ghost's profile is global: it needs no room here, only the order among this chat's events.
            await env.Ghosts.UpdateProfileAsync(profile.Sender.User, profile.Info, ct).ConfigureAwait(false);
            return RemoteEventResult.Bridged;
        }

        if (evt is RemotePresence presence)
        {
            var state = presence.Presence switch { RemotePresenceState.Online => "online", RemotePresenceState.Unavailable => "unavailable", _ => "offline" };
            await env.Intents.Get(env.Ghosts.UserIdFor(presence.Sender.User)).SetPresenceAsync(state, presence.StatusMessage, ct).ConfigureAwait(false);
            return RemoteEventResult.Bridged;
        }

        if (portal.RoomId is null)
        {
            if (!evt.CreatesPortal)
            {
                return RemoteEventResult.Ignored;
            }

            // The new room's history comes first; should it include this very message after all (a network that
            // ignores the anchor), the message is a duplicate now.
            if (await EnsureRoomAsync(evt, ct).ConfigureAwait(false) is { Bridged: > 0 } && evt is RemoteMessage m
                && await IsDuplicateOrEchoAsync(m, ct).ConfigureAwait(false))
            {
                return RemoteEventResult.Duplicate;
            }
        }

        return evt switch
        {
            RemoteMessage m => await BridgeMessageAsync(m, ct).ConfigureAwait(false),
            RemoteEdit e => await BridgeEditAsync(e, ct).ConfigureAwait(false),
            RemoteRedaction r => await BridgeRedactionAsync(r, ct).ConfigureAwait(false),
            RemoteReaction r => await BridgeReactionAsync(r, ct).ConfigureAwait(false),
            RemoteReactionRemoved r => await BridgeReactionRemovedAsync(r, ct).ConfigureAwait(false),
            RemoteMembership m => await BridgeMembershipAsync(m, ct).ConfigureAwait(false),
            RemoteChatInfoChanged c => await BridgeChatInfoAsync(c.Info, ct).ConfigureAwait(false),
            RemoteThreadCreated t => await BridgeThreadCreatedAsync(t, ct).ConfigureAwait(false),
            RemoteTyping t => await BridgeTypingAsync(t, ct).ConfigureAwait(false),
            RemoteReceipt r => await BridgeReceiptAsync(r, ct).ConfigureAwait(false),
            RemoteChatDeleted => await BridgeChatDeletedAsync(ct).ConfigureAwait(false),
            RemotePowerLevelChanged p => await BridgePowerLevelAsync(p, ct).ConfigureAwait(false),
            _ => RemoteEventResult.Ignored,
        };
    }

    /// <summary>A client txn id derived from what is being bridged, so a resend after a crash yields the same event.</summary>
    internal static string TxnId(string network, PortalKey portal, string kind, string id, string part)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{network}\n{portal}\n{kind}\n{id}\n{part}"));
        return "bridges." + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    private static string Stamp(DateTimeOffset at) => at.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<bool> IsDuplicateOrEchoAsync(RemoteMessage message, CancellationToken ct)
    {
        // Our own message coming back: map it to the Matrix event it came from. The token is that event's id, so an
        // echo of a send whose mapping a crash lost is still recognised (and the replayed inbox then skips the event).
        // Later parts of a split message carry "<event id>#<part>".
        if (message.EchoToken is { } token && portal.RoomId is { } room
            && (portal.PendingEchoes.TryRemove(token, out var eventId) || EventId.TryParse(token.Split('#')[0], out eventId)))
        {
            await env.Stores.Messages.TryAddAsync(new MessageRecord
            {
                Portal = portal.Key, RemoteId = message.Id, RoomId = room, EventId = eventId, Sender = message.Sender.User, Timestamp = message.Timestamp,
                ReplyTo = message.Content.ReplyTo,
            }, ct).ConfigureAwait(false);
            return true;
        }

        return (await env.Stores.Messages.GetPartsAsync(portal.Key, message.Id, ct).ConfigureAwait(false)).Count > 0;
    }

    /// <summary>Creates the room, then backfills it; returns what the backfill did.</summary>
    private async Task<Backfill.BackfillResult?> EnsureRoomAsync(RemoteEvent evt, CancellationToken ct)
    {
        var client = (evt.Sender.Login is { } l ? logins.ClientFor(l) : null) ?? logins.AnyClientFor(portal.Record);
        var info = client is null ? null : await client.GetChatInfoAsync(portal.Key, ct).ConfigureAwait(false);
        var owner = (portal.Key.Receiver ?? evt.Sender.Login) is { } ownerId ? logins.LoginFor(ownerId) : null;
        await rooms.CreateAsync(portal, info, client, owner, null, 0, ct).ConfigureAwait(false);
        return await services.Backfill.InitialAsync(portal, client, evt as RemoteMessage, ct).ConfigureAwait(false);
    }

    private async Task<Intent> SenderIntentAsync(EventSender sender, CancellationToken ct)
    {
        if (await services.Puppets.ForAsync(sender, ct).ConfigureAwait(false) is { } puppet)
        {
            await puppet.EnsureJoinedAsync(portal.RoomId!.Value, ct).ConfigureAwait(false);
            return puppet;
        }

        var client = sender.Login is { } l ? logins.ClientFor(l) : logins.AnyClientFor(portal.Record);
        var intent = await env.Ghosts.EnsureGhostAsync(sender.User, client, ct).ConfigureAwait(false);
        await intent.EnsureJoinedAsync(portal.RoomId!.Value, ct).ConfigureAwait(false);
        return intent;
    }

    private async Task<RemoteEventResult> BridgeMessageAsync(RemoteMessage message, CancellationToken ct)
    {
        var room = portal.RoomId!.Value;
        var intent = await SenderIntentAsync(message.Sender, ct).ConfigureAwait(false);
        var (relates, replied) = await RelationAsync(message.Content, ct).ConfigureAwait(false);
        var (mentions, mentioned) = Mentions(message.Content, replied, intent);
        var parts = new List<(string Part, MessageContent Content)>();
        var text = ContentConverter.ToMatrixText(await WithInlineImagesAsync(message.Content, intent, ct).ConfigureAwait(false), mentions, mentioned);
        var caption = message.Content.Attachments.Count == 1 && text is not null && text.MsgType == MessageTypes.Text ? text.Body : null;
        if (text is not null && caption is null)
        {
            parts.Add((string.Empty, await WithProfileAsync(text with { RelatesTo = relates, DoublePuppetSource = intent.IsBot || env.Intents.Registration.IsExclusiveUser(intent.UserId, env.Intents.ServerName) ? null : env.Network },
                message.Sender.Profile, intent, ct).ConfigureAwait(false)));
        }

        for (var i = 0; i < message.Content.Attachments.Count; i++)
        {
            var media = message.Content.Attachments[i];
            var uri = await MediaUpload.UploadAsync(intent, media, env.Options.MaxMediaBytes, ct).ConfigureAwait(false);
            parts.Add(($"file{i:D3}", ContentConverter.ToMatrixMedia(media, uri, caption) with
            {
                RelatesTo = parts.Count == 0 ? relates : null,
                DoublePuppetSource = env.Intents.Registration.IsExclusiveUser(intent.UserId, env.Intents.ServerName) ? null : env.Network,
            }));
        }

        // Every part is written to the outbox before the first is sent and leaves it with its mapping: a crash in
        // between is finished from the outbox at the next start, even for a network that cannot replay.
        var outbox = parts.Select(p => new OutboxRecord
        {
            Portal = portal.Key, RemoteId = message.Id, Part = new PartId(p.Part), RoomId = room, Intent = intent.UserId, EventType = EventTypes.Message,
            Content = JsonSerializer.Serialize(p.Content, MatrixJsonContext.Default.MessageContent),
            // The same txn id live or backfilled: should both copies race past the map, the homeserver makes them one event.
            TxnId = TxnId(env.Network, portal.Key, "msg", message.Id.Value, p.Part),
            Sender = message.Sender.User, Timestamp = message.Timestamp, Backdated = backfill, ThreadRoot = message.Content.ThreadRoot, ReplyTo = message.Content.ReplyTo,
        }).ToList();
        if (outbox.Count > 0)
        {
            await env.Stores.Outbox.AddAsync(outbox, ct).ConfigureAwait(false);
        }

        for (var i = 0; i < parts.Count; i++)
        {
            var eventId = await intent.SendMessageAsync(room, parts[i].Content, outbox[i].TxnId, backfill ? message.Timestamp : null, ct).ConfigureAwait(false);
            await env.Stores.Outbox.CompleteAsync(outbox[i], eventId, ct).ConfigureAwait(false);
        }

        return parts.Count > 0 ? RemoteEventResult.Bridged : RemoteEventResult.Ignored;
    }

    /// <summary>
    /// <c>m.mentions.user_ids</c> (intentional mentions): each mentioned remote user as the Matrix user behind them
    /// (a puppet's owner, else the ghost), plus the Matrix sender of the message replied to, as the spec asks of
    /// replies; never the sender itself. Also the lookup for pills, so each mention is resolved once (resolving asks
    /// every connected login).
    /// </summary>
    private (List<UserId> Ids, Func<RemoteUserId, UserId> Resolve) Mentions(BridgedContent content, MessageRecord? replied, Intent sender)
    {
        var resolved = content.Mentions.Distinct().ToDictionary(m => m, logins.MentionedUserId);
        var mentions = content.Mentions.Select(m => resolved[m]).ToList();
        if (replied?.MatrixSender is { } repliedSender && repliedSender != env.Intents.BotUserId)
        {
            mentions.Add(repliedSender);
        }

        return ([.. mentions.Where(u => u != sender.UserId).Distinct()], m => resolved.TryGetValue(m, out var id) ? id : logins.MentionedUserId(m));
    }

    private async Task<(RelatesTo? Relation, MessageRecord? Replied)> RelationAsync(BridgedContent content, CancellationToken ct)
    {
        var replied = content.ReplyTo is { } r ? await FirstPartAsync(r, ct).ConfigureAwait(false) : null;
        var replyTo = replied?.EventId;
        if (content.ThreadRoot is { } root && await ThreadRootPartAsync(root, ct).ConfigureAwait(false) is { } rootPart)
        {
            var last = replyTo ?? rootPart.EventId;
            return (RelatesTo.Thread(rootPart.EventId, last) with { IsFallingBack = replyTo is null }, replied);
        }

        return (replyTo is { } reply ? RelatesTo.Reply(reply) : null, replied);
    }

    private async Task<MessageRecord?> FirstPartAsync(RemoteMessageId id, CancellationToken ct) =>
        (await env.Stores.Messages.GetPartsAsync(portal.Key, id, ct).ConfigureAwait(false)).FirstOrDefault();
}
