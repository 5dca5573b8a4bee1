using System.Text.Json;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;
using Bridges.Core.Portals;
using Bridges.Matrix.Events;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Bridge;

public sealed partial class NetworkBridge
{
    /// <summary>Finds a chat by what a user typed, through one of the user's logins (or the relay when they have none).</summary>
    public async Task<PortalKey?> ResolveIdentifierAsync(UserId user, string identifier, CancellationToken ct)
    {
        var clients = ConnectedLogins.Where(c => c.Login.UserId == user).Select(c => c.Client)
            .Concat(_relayLogins.Select(ClientFor).OfType<INetworkClient>());
        foreach (var client in clients)
        {
            if (client is IIdentifierResolver resolver && await resolver.ResolveIdentifierAsync(identifier, ct).ConfigureAwait(false) is { } key)
            {
                return key;
            }
        }

        return null;
    }

    /// <summary>
    /// Bridges an existing Matrix room to a remote chat: the bot joins (it must be invited), the portal points at the
    /// room and the MSC2346 state is set. Fails when the chat is already bridged elsewhere.
    /// </summary>
    public async Task BridgeRoomAsync(RoomId room, PortalKey key, CancellationToken ct)
    {
        if (await GetPortalByRoomAsync(room, ct).ConfigureAwait(false) is { } existingRoom)
        {
            throw new InvalidOperationException($"This room is already bridged to {existingRoom.Key}.");
        }

        var portal = (await GetPortalAsync(key, create: true, ct).ConfigureAwait(false))!;
        await portal.EnqueueAsync(async token =>
        {
            if (portal.RoomId is { } other)
            {
                throw new InvalidOperationException($"{key} is already bridged to {other}.");
            }

            await Intents.Bot.EnsureJoinedAsync(room, token).ConfigureAwait(false);
            var info = AnyClientFor(portal.Record) is { } client ? await client.GetChatInfoAsync(key, token).ConfigureAwait(false) : null;
            var record = portal.Record with { RoomId = room, Name = info?.Name ?? portal.Record.Name, Topic = info?.Topic ?? portal.Record.Topic };
            await SetBridgeInfoAsync(room, record, PortalRoomCreator.BridgeInfo(this, record), token).ConfigureAwait(false);
            await Stores.Portals.UpsertAsync(record, token).ConfigureAwait(false);
            portal.Record = record;
            IndexRoom(portal);
            return true;
        }, ct).ConfigureAwait(false);
    }

    /// <summary>Disconnects a room from its remote chat: the bridge state is cleared, the portal forgotten, the bot leaves.</summary>
    public async Task<bool> UnbridgeRoomAsync(RoomId room, CancellationToken ct)
    {
        var portal = await GetPortalByRoomAsync(room, ct).ConfigureAwait(false);
        if (portal is null)
        {
            return false;
        }

        await portal.EnqueueAsync(async token =>
        {
            await SetBridgeInfoAsync(room, portal.Record, null, token).ConfigureAwait(false);
            await Intents.Bot.SendMessageAsync(room, MessageContent.Notice($"This room is no longer bridged to {Connector.Descriptor.DisplayName}."), null, token).ConfigureAwait(false);
            await Stores.Portals.DeleteAsync(portal.Key, token).ConfigureAwait(false);
            return true;
        }, ct).ConfigureAwait(false);
        ForgetPortal(portal.Key, room);
        await portal.DisposeAsync().ConfigureAwait(false);
        await Intents.Bot.LeaveAsync(room, "Unbridged", ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>Fetches chat info and members again and applies them to the room.</summary>
    public async Task SyncPortalAsync(PortalKey key, CancellationToken ct)
    {
        var portal = await GetPortalAsync(key, create: false, ct).ConfigureAwait(false) ?? throw new InvalidOperationException($"No portal {key}.");
        var client = AnyClientFor(portal.Record) ?? throw new InvalidOperationException("No connected login can see this chat.");
        var info = await client.GetChatInfoAsync(key, ct).ConfigureAwait(false);
        await this.PushAndWaitAsync(new RemoteChatInfoChanged(key, new EventSender(new RemoteUserId(string.Empty)), Time.GetUtcNow(), info), ct).ConfigureAwait(false);
    }

    private async Task SetBridgeInfoAsync(RoomId room, Database.PortalRecord record, BridgeInfoContent? info, CancellationToken ct)
    {
        // An empty content removes the state, as far as Matrix state can be removed.
        var content = info is null
            ? JsonSerializer.SerializeToElement(new Dictionary<string, JsonElement>(), MatrixJsonContext.Default.DictionaryStringJsonElement)
            : JsonSerializer.SerializeToElement(info, MatrixJsonContext.Default.BridgeInfoContent);
        var stateKey = PortalRoomCreator.BridgeStateKey(this, record);
        await Intents.Bot.SendStateAsync(room, EventTypes.Bridge, stateKey, content, MatrixJsonContext.Default.JsonElement, ct).ConfigureAwait(false);
        await Intents.Bot.SendStateAsync(room, EventTypes.HalfShotBridge, stateKey, content, MatrixJsonContext.Default.JsonElement, ct).ConfigureAwait(false);
    }
}
