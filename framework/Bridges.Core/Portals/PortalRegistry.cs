using System.Collections.Concurrent;
using Bridges.Core.Bridge;
using Bridges.Core.Database;
using Bridges.Core.Network.Ids;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Portals;

/// <summary>
/// The live portals of a network: loaded from the store on first use and kept, looked up by remote chat or by Matrix
/// room. One load per key at a time, so two events of a new chat share one portal and one queue.
/// </summary>
internal sealed class PortalRegistry(BridgeContext env)
{
    private readonly ConcurrentDictionary<PortalKey, Task<Portal?>> _portals = new();
    private readonly ConcurrentDictionary<RoomId, PortalKey> _byRoom = new();

    /// <summary>Portals loaded now.</summary>
    public IEnumerable<Portal> Loaded => _portals.Values.Where(p => p.IsCompletedSuccessfully).Select(p => p.Result).OfType<Portal>();

    /// <summary>Events waiting on all portal queues.</summary>
    public long QueueDepth => Loaded.Sum(p => (long)p.QueueDepth);

    /// <summary>Loads a portal; creates the row (not the room) when <paramref name="create"/> is set.</summary>
    public Task<Portal?> GetAsync(PortalKey key, bool create, CancellationToken ct)
    {
        if (_portals.TryGetValue(key, out var existing) && (existing.IsCompletedSuccessfully && existing.Result is not null || !create))
        {
            return existing;
        }

        return _portals.AddOrUpdate(key, k => LoadAsync(k, create, ct), (k, old) => old.IsCompletedSuccessfully && old.Result is not null ? old : LoadAsync(k, create, ct));
    }

    public async Task<Portal?> GetByRoomAsync(RoomId room, CancellationToken ct)
    {
        if (_byRoom.TryGetValue(room, out var key))
        {
            return await GetAsync(key, create: false, ct).ConfigureAwait(false);
        }

        var record = await env.Stores.Portals.GetByRoomAsync(room, ct).ConfigureAwait(false);
        return record is null ? null : await GetAsync(record.Key, create: false, ct).ConfigureAwait(false);
    }

    /// <summary>The Matrix room of a portal, if it has one.</summary>
    public async Task<RoomId?> GetRoomAsync(PortalKey key, CancellationToken ct) =>
        (await env.Stores.Portals.GetAsync(key, ct).ConfigureAwait(false))?.RoomId;

    /// <summary>Makes the portal findable by its room (after the room was created or bridged).</summary>
    public void Index(Portal portal)
    {
        if (portal.RoomId is { } room)
        {
            _byRoom[room] = portal.Key;
        }
    }

    public void Forget(PortalKey key, RoomId? room)
    {
        _portals.TryRemove(key, out _);
        if (room is { } r)
        {
            _byRoom.TryRemove(r, out _);
        }
    }

    /// <summary>Stores a portal's new state and updates the live portal on its queue.</summary>
    public async Task UpdateAsync(PortalRecord record, CancellationToken ct)
    {
        var portal = await GetAsync(record.Key, create: false, ct).ConfigureAwait(false);
        if (portal is null)
        {
            await env.Stores.Portals.UpsertAsync(record, ct).ConfigureAwait(false);
            return;
        }

        await portal.EnqueueAsync(async token =>
        {
            await env.Stores.Portals.UpsertAsync(record, token).ConfigureAwait(false);
            portal.Record = record;
            return true;
        }, ct).ConfigureAwait(false);
    }

    /// <summary>Forgets every portal and hands back those that were loaded, for the caller to drain or stop.</summary>
    public List<Portal> Clear()
    {
        var loaded = Loaded.ToList();
        _portals.Clear();
        return loaded;
    }

    private async Task<Portal?> LoadAsync(PortalKey key, bool create, CancellationToken ct)
    {
        var record = await env.Stores.Portals.GetAsync(key, ct).ConfigureAwait(false);
        if (record is null)
        {
            if (!create)
            {
                return null;
            }

            record = new PortalRecord { Key = key };
            await env.Stores.Portals.UpsertAsync(record, ct).ConfigureAwait(false);
        }

        var portal = new Portal(record, env.Options.PortalQueueCapacity);
        Index(portal);
        return portal;
    }
}
