using Bridges.Core.Network.Ids;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Database;

/// <summary>Portals of one network.</summary>
public interface IPortalStore
{
    Task<PortalRecord?> GetAsync(PortalKey key, CancellationToken ct);

    Task<PortalRecord?> GetByRoomAsync(RoomId room, CancellationToken ct);

    /// <summary>Inserts or replaces the portal row.</summary>
    Task UpsertAsync(PortalRecord portal, CancellationToken ct);

    /// <summary>Deletes the portal and its message and reaction map, so a later re-bridge starts clean.</summary>
    Task DeleteAsync(PortalKey key, CancellationToken ct);

    Task<IReadOnlyList<PortalRecord>> ListAsync(CancellationToken ct);
}
