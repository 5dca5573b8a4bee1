using System.Text.Json;
using Bridges.Core.Database;
using Bridges.Core.Network.Ids;
using Bridges.Matrix.Events;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Portals;

/// <summary>Bridging an existing Matrix room to a remote chat, and undoing it.</summary>
internal sealed partial class PortalRoomService
{
    /// <summary>
    /// Bridges an existing Matrix room to a remote chat: the bot joins (it must be invited), the portal points at the
    /// room and the MSC2346 state is set. Fails when the chat is already bridged elsewhere.
    /// </summary>
    public async Task BridgeExistingAsync(RoomId room, PortalKey key, CancellationToken ct)
    {
        if (await portals.GetByRoomAsync(room, ct).ConfigureAwait(false) is { } existingRoom)
        {
            throw new InvalidOperationException($"This room is already bridged to {existingRoom.Key}.");
        }

        var portal = (await portals.GetAsync(key, create: true, ct).ConfigureAwait(false))!;
        await portal.EnqueueAsync(async token =>
        {
            if (portal.RoomId is { } other)
            {
                throw new InvalidOperationException($"{key} is already bridged to {other}.");
            }

            await env.Intents.Bot.EnsureJoinedAsync(room, token).ConfigureAwait(false);
            var info = logins.AnyClientFor(portal.Record) is { } client ? await client.GetChatInfoAsync(key, token).ConfigureAwait(false) : null;
            var record = portal.Record with { RoomId = room, Name = info?.Name ?? portal.Record.Name, Topic = info?.Topic ?? portal.Record.Topic };
            await SetBridgeInfoAsync(room, record, BridgeInfo(record), token).ConfigureAwait(false);
            await env.Stores.Portals.UpsertAsync(record, token).ConfigureAwait(false);
            portal.Record = record;
            portals.Index(portal);
            return true;
        }, ct).ConfigureAwait(false);
    }

    /// <summary>Disconnects a room from its remote chat: the bridge state is cleared, the portal forgotten, the bot leaves.</summary>
    public async Task<bool> UnbridgeAsync(RoomId room, CancellationToken ct)
    {
        var portal = await portals.GetByRoomAsync(room, ct).ConfigureAwait(false);
        if (portal is null)
        {
            return false;
        }

        await portal.EnqueueAsync(async token =>
        {
            await SetBridgeInfoAsync(room, portal.Record, null, token).ConfigureAwait(false);
            await env.Intents.Bot.SendMessageAsync(room, MessageContent.Notice($"This room is no longer bridged to {env.NetworkName}."), null, token).ConfigureAwait(false);
            await env.Stores.Portals.DeleteAsync(portal.Key, token).ConfigureAwait(false);
            return true;
        }, ct).ConfigureAwait(false);
        portals.Forget(portal.Key, room);
        await portal.DisposeAsync().ConfigureAwait(false);
        await env.Intents.Bot.LeaveAsync(room, "Unbridged", ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>Closes a portal whose chat was deleted on the network: a notice, the portal forgotten, the bot leaves.</summary>
    public async Task CloseDeletedAsync(Portal portal, CancellationToken ct)
    {
        var room = portal.RoomId!.Value;
        await env.Intents.Bot.SendMessageAsync(room, MessageContent.Notice("This chat was deleted on the remote network; the portal is closed."), null, ct).ConfigureAwait(false);
        await env.Stores.Portals.DeleteAsync(portal.Key, ct).ConfigureAwait(false);
        portals.Forget(portal.Key, room);
        await env.Intents.Bot.LeaveAsync(room, "Remote chat deleted", ct).ConfigureAwait(false);
    }

    private async Task SetBridgeInfoAsync(RoomId room, PortalRecord record, BridgeInfoContent? info, CancellationToken ct)
    {
        // An empty content removes the state, as far as Matrix state can be removed.
        var content = info is null
            ? JsonSerializer.SerializeToElement(new Dictionary<string, JsonElement>(), MatrixJsonContext.Default.DictionaryStringJsonElement)
            : JsonSerializer.SerializeToElement(info, MatrixJsonContext.Default.BridgeInfoContent);
        var stateKey = BridgeStateKey(record);
        await env.Intents.Bot.SendStateAsync(room, EventTypes.Bridge, stateKey, content, MatrixJsonContext.Default.JsonElement, ct).ConfigureAwait(false);
        await env.Intents.Bot.SendStateAsync(room, EventTypes.HalfShotBridge, stateKey, content, MatrixJsonContext.Default.JsonElement, ct).ConfigureAwait(false);
    }
}
