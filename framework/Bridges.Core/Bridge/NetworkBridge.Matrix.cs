using System.Text.Json;
using Bridges.Core.Inbox;
using Bridges.Core.Metrics;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;
using Bridges.Core.Permissions;
using Bridges.Core.Portals;
using Bridges.Matrix.AppService;
using Bridges.Matrix.Events;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Bridge;

public sealed partial class NetworkBridge : IMatrixEventHandler, IAppServiceQueryHandler
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<RoomId, HashSet<UserId>> _typing = new();

    // Receipts the bridge itself set for a real user (double puppeting): their EDU must not go back to the network.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(RoomId Room, UserId User, EventId Event), long> _ownReceipts = new();

    /// <summary>Remembers a read receipt the bridge sets as a real Matrix user, so its echo is not sent back.</summary>
    internal void ExpectReceiptEcho(RoomId room, UserId user, EventId eventId)
    {
        var now = Time.GetTimestamp();
        if (_ownReceipts.Count > 10_000)
        {
            foreach (var stale in _ownReceipts.Where(r => Time.GetElapsedTime(r.Value, now) > TimeSpan.FromMinutes(5)).Select(r => r.Key).ToList())
            {
                _ownReceipts.TryRemove(stale, out _);
            }
        }

        _ownReceipts[(room, user, eventId)] = now;
    }

    /// <summary>True (once) when this receipt is the echo of one the bridge set itself.</summary>
    internal bool IsReceiptEcho(RoomId room, UserId user, EventId eventId) => _ownReceipts.TryRemove((room, user, eventId), out _);

    /// <inheritdoc />
    public async Task HandleRoomEventAsync(MatrixEvent evt, CancellationToken ct)
    {
        Intents.ObserveMembership(evt);
        ObserveMemberName(evt);
        // Loop prevention: nothing our own bot or ghosts did is bridged back.
        if (Intents.Registration.IsExclusiveUser(evt.Sender, Intents.ServerName))
        {
            return;
        }

        // A message we sent as a double-puppeted real user comes back in a transaction: not a new message.
        if (evt.Content.ValueKind == JsonValueKind.Object && evt.Content.TryGetProperty("net.bridges.double_puppet_source", out _))
        {
            return;
        }

        using var scope = _logger.BeginScope(new Dictionary<string, object> { ["RoomId"] = evt.RoomId.Value, ["EventId"] = evt.EventId.Value, ["Network"] = Network });
        if (evt.Type == EventTypes.Member && evt.StateKey == Intents.BotUserId.Value)
        {
            await HandleBotMembershipAsync(evt, ct).ConfigureAwait(false);
            return;
        }

        var portal = await GetPortalByRoomAsync(evt.RoomId, ct).ConfigureAwait(false);
        if (portal is not null && evt.Type == EventTypes.Member && evt.StateKey == evt.Sender.Value
            && evt.ContentAs(MatrixJsonContext.Default.MemberContent)?.Membership == Membership.Knock)
        {
            await AnswerKnockAsync(evt, ct).ConfigureAwait(false);
            return;
        }

        if (evt.Type == EventTypes.Message && evt.ContentAs(MatrixJsonContext.Default.MessageContent) is { } message
            && message.RelatesTo?.RelType != RelationTypes.Replace
            && await _commands.TryHandleAsync(evt, message, portal, ct).ConfigureAwait(false))
        {
            return;
        }

        if (portal is null || PermissionOf(evt.Sender) < PermissionLevel.Relay)
        {
            return;
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        if (await portal.EnqueueAsync(token => new MatrixEventHandler(this, portal).HandleAsync(evt, token), ct).ConfigureAwait(false))
        {
            BridgeMetrics.RecordBridged(Network, BridgeMetrics.ToRemote, evt.Type, started);
        }
    }

    /// <summary>Room display names of members, for relay templates; kept current from member events.</summary>
    internal System.Collections.Concurrent.ConcurrentDictionary<(RoomId Room, UserId User), string> MemberNames { get; } = new();

    /// <summary>Per-message profile avatars (MSC4144) uploaded by this bridge, by their network id: each is uploaded once per run, to this homeserver.</summary>
    internal System.Collections.Concurrent.ConcurrentDictionary<string, MxcUri> ProfileAvatars { get; } = new();

    /// <summary>Room avatars of members (mxc), for networks that show a relayed sender's avatar; kept with the names.</summary>
    internal System.Collections.Concurrent.ConcurrentDictionary<(RoomId Room, UserId User), string> MemberAvatars { get; } = new();

    private void ObserveMemberName(MatrixEvent evt)
    {
        if (evt.Type != EventTypes.Member || !UserId.TryParse(evt.StateKey, out var user) || evt.ContentAs(MatrixJsonContext.Default.MemberContent) is not { } member)
        {
            return;
        }

        if (member.Membership == Membership.Join)
        {
            MemberNames[(evt.RoomId, user)] = string.IsNullOrWhiteSpace(member.DisplayName) ? user.Localpart : member.DisplayName;
            if (member.AvatarUrl is { } avatar)
            {
                MemberAvatars[(evt.RoomId, user)] = avatar.Value;
            }
            else
            {
                MemberAvatars.TryRemove((evt.RoomId, user), out _);
            }
        }
        else
        {
            MemberNames.TryRemove((evt.RoomId, user), out _);
            MemberAvatars.TryRemove((evt.RoomId, user), out _);
        }
    }

    /// <inheritdoc />
    public async Task HandleEphemeralAsync(JsonElement evt, CancellationToken ct)
    {
        if (!evt.TryGetProperty("type", out var type) || !evt.TryGetProperty("room_id", out var roomElement) || !RoomId.TryParse(roomElement.GetString(), out var room))
        {
            return;
        }

        var portal = await GetPortalByRoomAsync(room, ct).ConfigureAwait(false);
        if (portal is not null && type.GetString() == EventTypes.Receipt && evt.TryGetProperty("content", out var receipts))
        {
            // On the portal's queue: a receipt for a message just bridged from the network can arrive before that
            // message's mapping is stored, and the queue runs it after the handler that stores it.
            var content = receipts.Clone();
            await portal.EnqueueAsync(async token =>
            {
                await new MatrixReceiptHandler(this, portal).HandleAsync(room, content, token).ConfigureAwait(false);
                return true;
            }, ct).ConfigureAwait(false);
            return;
        }

        if (portal is null || type.GetString() != EventTypes.Typing)
        {
            return;
        }

        // An m.typing EDU lists everyone typing now: only the users who started or stopped are told to the network,
        // not every connected login on every change in the room.
        var typing = (evt.GetProperty("content").Deserialize(MatrixJsonContext.Default.TypingContent)?.UserIds ?? []).ToHashSet();
        var before = _typing.TryGetValue(room, out var previous) ? previous : [];
        _typing[room] = typing;
        if (typing.SetEquals(before))
        {
            return;
        }

        foreach (var (login, client) in ConnectedLogins)
        {
            if (client is ITypingSender sender && login.UserId != Intents.BotUserId && (portal.Key.Receiver is null || portal.Key.Receiver == login.Id)
                && typing.Contains(login.UserId) != before.Contains(login.UserId))
            {
                await sender.SendTypingAsync(portal.Key, typing.Contains(login.UserId), ct).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public Task HandleToDeviceAsync(JsonElement evt, CancellationToken ct) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task<bool> QueryUserAsync(UserId userId, CancellationToken ct)
    {
        if (_ghosts.RemoteIdFor(userId) is not { } remote)
        {
            return false;
        }

        await _ghosts.EnsureGhostAsync(remote, _clients.Values.Select(c => c.Client).FirstOrDefault(), ct).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public async Task<bool> QueryAliasAsync(RoomAlias alias, CancellationToken ct)
    {
        if (!Options.DynamicAliasRooms || alias.Value[(alias.Value.IndexOf(':', StringComparison.Ordinal) + 1)..] != Intents.ServerName)
        {
            return false;
        }

        var localpart = alias.Value[1..alias.Value.IndexOf(':', StringComparison.Ordinal)];
        var template = Options.AliasTemplate.Replace("{network}", Network, StringComparison.Ordinal);
        var at = template.IndexOf("{id}", StringComparison.Ordinal);
        if (at < 0)
        {
            return false;
        }

        var (prefix, suffix) = (template[..at], template[(at + 4)..]);
        if (!localpart.StartsWith(prefix, StringComparison.Ordinal) || !localpart.EndsWith(suffix, StringComparison.Ordinal) || localpart.Length <= prefix.Length + suffix.Length)
        {
            return false;
        }

        var key = new PortalKey(new PortalId(UserId.UnescapeLocalpart(localpart[prefix.Length..^suffix.Length]) ?? localpart));
        if (await Stores.Portals.GetAsync(key, ct).ConfigureAwait(false) is not { RoomId: not null }
            && Connector is IPortalCreationCheck check && !await check.MayCreatePortalAsync(key, ct).ConfigureAwait(false))
        {
            // Nothing is created (no row, no room, no remote join) for a chat the plugin does not know or allow.
            Log.AliasRefused(_logger, alias.Value, key.ToString());
            return false;
        }

        var portal = await GetPortalAsync(key, create: true, ct).ConfigureAwait(false);
        return await portal!.EnqueueAsync(async token =>
        {
            if (portal.RoomId is not null)
            {
                return false;
            }

            var client = AnyClientFor(portal.Record);
            var info = client is null ? null : await client.GetChatInfoAsync(key, token).ConfigureAwait(false);
            var created = await PortalRoomCreator.CreateAsync(this, portal.Record, info, localpart, [], token).ConfigureAwait(false);
            await Stores.Portals.UpsertAsync(created, token).ConfigureAwait(false);
            portal.Record = created;
            IndexRoom(portal);
            Log.PortalCreated(_logger, created.RoomId!.Value.Value, key.ToString());
            await PortalSpaces.LinkAsync(this, created, info, client, null, 0, token).ConfigureAwait(false);
            await PortalRoomCreator.JoinMembersAsync(this, created.RoomId!.Value, info, client, token).ConfigureAwait(false);
            // Queued behind this work, so the homeserver's alias query is answered without waiting for the history.
            _ = await portal.QueueAsync(t => Backfill.InitialAsync(portal, client, null, t), token).ConfigureAwait(false);
            return true;
        }, ct).ConfigureAwait(false);
    }

    /// <summary>The alias localpart of a portal's dynamic room.</summary>
    public string AliasLocalpartFor(PortalId id) =>
        Options.AliasTemplate.Replace("{network}", Network, StringComparison.Ordinal).Replace("{id}", UserId.EscapeLocalpart(id.Value), StringComparison.Ordinal);

    /// <summary>
    /// Portals of chats that are not public take knocks instead of free joins: the bot lets in whoever may use the
    /// bridge (relay level and up) and turns the rest away, so a room is never readable by any passer-by.
    /// </summary>
    private async Task AnswerKnockAsync(MatrixEvent evt, CancellationToken ct)
    {
        if (PermissionOf(evt.Sender) >= PermissionLevel.Relay)
        {
            await Intents.Bot.InviteAsync(evt.RoomId, evt.Sender, ct).ConfigureAwait(false);
        }
        else
        {
            await Intents.Bot.KickAsync(evt.RoomId, evt.Sender, "You are not allowed to use this bridge.", ct).ConfigureAwait(false);
        }
    }

    private async Task HandleBotMembershipAsync(MatrixEvent evt, CancellationToken ct)
    {
        var membership = evt.ContentAs(MatrixJsonContext.Default.MemberContent)?.Membership;
        if (membership != Membership.Invite)
        {
            return;
        }

        if (PermissionOf(evt.Sender) < PermissionLevel.User)
        {
            await Intents.Bot.LeaveAsync(evt.RoomId, "You are not allowed to use this bridge.", ct).ConfigureAwait(false);
            return;
        }

        await Intents.Bot.EnsureJoinedAsync(evt.RoomId, ct).ConfigureAwait(false);
        await Intents.Bot.SendMessageAsync(evt.RoomId, MessageContent.Notice(
            $"Hello! I am the {Connector.Descriptor.DisplayName} bridge bot. This is your management room: type `help` for commands."), null, ct).ConfigureAwait(false);
    }
}
