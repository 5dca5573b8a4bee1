using Bridges.Core.Network.Ids;

namespace Bridges.Core.Database;

/// <summary>Ghosts of one network.</summary>
public interface IGhostStore
{
    Task<GhostRecord?> GetAsync(RemoteUserId id, CancellationToken ct);

    Task UpsertAsync(GhostRecord ghost, CancellationToken ct);
}
