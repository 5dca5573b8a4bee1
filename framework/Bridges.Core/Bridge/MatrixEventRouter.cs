using System.Collections.Concurrent;
using System.Text.Json;
using Bridges.Core.Commands;
using Bridges.Core.Inbox;
using Bridges.Core.Logins;
using Bridges.Core.Metrics;
using Bridges.Core.Network;
using Bridges.Core.Permissions;
using Bridges.Core.Portals;
using Bridges.Matrix.Events;
using Bridges.Matrix.Ids;
using Microsoft.Extensions.Logging;

namespace Bridges.Core.Bridge;

/// <summary>
/// Where the dispatcher hands Matrix events: loop prevention, the bot's own invites, knocks, commands, then the
/// portal's queue for everything that goes to the network; receipts and typing from ephemeral events.
/// </summary>
internal sealed class MatrixEventRouter(BridgeContext env, PortalRegistry portals, LoginRegistry logins, CommandProcessor commands, MatrixEventServices services)
    : IMatrixEventHandler
{
    private readonly ConcurrentDictionary<RoomId, HashSet<UserId>> _typing = new();
    private readonly ILogger _logger = env.LoggerFactory.CreateLogger<NetworkBridge>();

    /// <inheritdoc />
    public async Task HandleRoomEventAsync(MatrixEvent evt, CancellationToken ct)
    {
        env.Intents.ObserveMembership(evt);
        services.Members.Observe(evt);
        // Loop prevention: nothing our own bot or ghosts did is bridged back.
        if (env.Intents.Registration.IsExclusiveUser(evt.Sender, env.Intents.ServerName))
        {
            return;
        }

        // A message we sent as a double-puppeted real user comes back in a transaction: not a new message.
        if (evt.Content.ValueKind == JsonValueKind.Object && evt.Content.TryGetProperty("net.bridges.double_puppet_source", out _))
        {
            return;
        }

        using var scope = _logger.BeginScope(new Dictionary<string, object> { ["RoomId"] = evt.RoomId.Value, ["EventId"] = evt.EventId.Value, ["Network"] = env.Network });
        if (evt.Type == EventTypes.Member && evt.StateKey == env.Intents.BotUserId.Value)
        {
            await HandleBotMembershipAsync(evt, ct).ConfigureAwait(false);
            return;
        }

        var portal = await portals.GetByRoomAsync(evt.RoomId, ct).ConfigureAwait(false);
        if (portal is not null && evt.Type == EventTypes.Member && evt.StateKey == evt.Sender.Value
            && evt.ContentAs(MatrixJsonContext.Default.MemberContent)?.Membership == Membership.Knock)
        {
            await AnswerKnockAsync(evt, ct).ConfigureAwait(false);
            return;
        }

        if (evt.Type == EventTypes.Message && evt.ContentAs(MatrixJsonContext.Default.MessageContent) is { } message
            && message.RelatesTo?.RelType != RelationTypes.Replace
            && await commands.TryHandleAsync(evt, message, portal, ct).ConfigureAwait(false))
        {
            return;
        }

        if (portal is null || env.PermissionOf(evt.Sender) < PermissionLevel.Relay)
        {
            return;
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        if (await portal.EnqueueAsync(token => new MatrixEventHandler(services, portal).HandleAsync(evt, token), ct).ConfigureAwait(false))
        {
            BridgeMetrics.RecordBridged(env.Network, BridgeMetrics.ToRemote, evt.Type, started);
        }
    }

    /// <inheritdoc />
    public async Task HandleEphemeralAsync(JsonElement evt, CancellationToken ct)
    {
        if (!evt.TryGetProperty("type", out var type) || !evt.TryGetProperty("room_id", out var roomElement) || !RoomId.TryParse(roomElement.GetString(), out var room))
        {
            return;
        }

        var portal = await portals.GetByRoomAsync(room, ct).ConfigureAwait(false);
        if (portal is not null && type.GetString() == EventTypes.Receipt && evt.TryGetProperty("content", out var receipts))
        {
            // On the portal's queue: a receipt for a message just bridged from the network can arrive before that
            // message's mapping is stored, and the queue runs it after the handler that stores it.
            var content = receipts.Clone();
            await portal.EnqueueAsync(async token =>
            {
                await new MatrixReceiptHandler(services, portal).HandleAsync(room, content, token).ConfigureAwait(false);
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

        foreach (var (login, client) in logins.Connected)
        {
            if (client is ITypingSender sender && login.UserId != env.Intents.BotUserId && (portal.Key.Receiver is null || portal.Key.Receiver == login.Id)
                && typing.Contains(login.UserId) != before.Contains(login.UserId))
            {
                await sender.SendTypingAsync(portal.Key, typing.Contains(login.UserId), ct).ConfigureAwait(false);
            }
        }

        await RelayTypingAsync(portal, typing, before, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// On networks whose relay types for others: the relay types while any Matrix user without a login of their own
    /// (who may use the relay) types, and is told once when the first starts and once when the last stops.
    /// </summary>
    private async Task RelayTypingAsync(Portal portal, HashSet<UserId> typing, HashSet<UserId> before, CancellationToken ct)
    {
        if (!env.Options.Relay.Enabled || logins.RelayFor(portal.Record) is not { } relayId || logins.ClientFor(relayId) is not { } client || client is not ITypingSender relay)
        {
            return;
        }

        var caps = env.CapabilitiesOf(client, portal.Key);
        if (!caps.RelayedTyping || !caps.Typing)
        {
            return;
        }

        bool Relayed(UserId user) => user != env.Intents.BotUserId && !env.Intents.Registration.IsExclusiveUser(user, env.Intents.ServerName)
            && env.PermissionOf(user) >= PermissionLevel.Relay
            && !logins.ConnectedFor(user, portal.Key).Any();
        var now = typing.Any(Relayed);
        if (now != before.Any(Relayed))
        {
            await relay.SendTypingAsync(portal.Key, now, ct).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public Task HandleToDeviceAsync(JsonElement evt, CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// Portals of chats that are not public take knocks instead of free joins: the bot lets in whoever may use the
    /// bridge (relay level and up) and turns the rest away, so a room is never readable by any passer-by.
    /// </summary>
    private async Task AnswerKnockAsync(MatrixEvent evt, CancellationToken ct)
    {
        if (env.PermissionOf(evt.Sender) >= PermissionLevel.Relay)
        {
            await env.Intents.Bot.InviteAsync(evt.RoomId, evt.Sender, ct).ConfigureAwait(false);
        }
        else
        {
            await env.Intents.Bot.KickAsync(evt.RoomId, evt.Sender, "You are not allowed to use this bridge.", ct).ConfigureAwait(false);
        }
    }

    private async Task HandleBotMembershipAsync(MatrixEvent evt, CancellationToken ct)
    {
        var membership = evt.ContentAs(MatrixJsonContext.Default.MemberContent)?.Membership;
        if (membership != Membership.Invite)
        {
            return;
        }

        if (env.PermissionOf(evt.Sender) < PermissionLevel.User)
        {
            await env.Intents.Bot.LeaveAsync(evt.RoomId, "You are not allowed to use this bridge.", ct).ConfigureAwait(false);
            return;
        }

        await env.Intents.Bot.EnsureJoinedAsync(evt.RoomId, ct).ConfigureAwait(false);
        await env.Intents.Bot.SendMessageAsync(evt.RoomId, MessageContent.Notice(
            $"Hello! I am the {env.NetworkName} bridge bot. This is your management room: type `help` for commands."), null, ct).ConfigureAwait(false);
    }
}
