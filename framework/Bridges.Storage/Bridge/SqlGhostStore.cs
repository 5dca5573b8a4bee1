using System.Data.Common;
using Bridges.Core.Database;
using Bridges.Core.Network.Ids;
using Bridges.Matrix.Ids;
using Bridges.Storage.Database;

namespace Bridges.Storage.Bridge;

internal sealed class SqlGhostStore(BridgesDatabase db, string network) : IGhostStore
{
    public async Task<GhostRecord?> GetAsync(RemoteUserId id, CancellationToken ct) =>
        (await db.QueryAsync("SELECT remote_id, display_name, avatar_id, avatar_url, metadata FROM ghosts WHERE network = @n AND remote_id = @id", Read, ct,
            ("@n", network), ("@id", id.Value)).ConfigureAwait(false)).FirstOrDefault();

    public Task UpsertAsync(GhostRecord g, CancellationToken ct) => db.ExecuteAsync(
        "INSERT INTO ghosts (network, remote_id, display_name, avatar_id, avatar_url, metadata) VALUES (@n, @id, @dn, @aid, @aurl, @meta) " +
        "ON CONFLICT (network, remote_id) DO UPDATE SET display_name = excluded.display_name, avatar_id = excluded.avatar_id, avatar_url = excluded.avatar_url, metadata = excluded.metadata",
        ct, ("@n", network), ("@id", g.Id.Value), ("@dn", g.DisplayName), ("@aid", g.AvatarId), ("@aurl", g.AvatarUrl?.Value), ("@meta", g.Metadata));

    private static GhostRecord Read(DbDataReader r) => new()
    {
        Id = new RemoteUserId(r.GetString(0)),
        DisplayName = r.IsDBNull(1) ? null : r.GetString(1),
        AvatarId = r.IsDBNull(2) ? null : r.GetString(2),
        AvatarUrl = r.IsDBNull(3) ? null : MxcUri.Parse(r.GetString(3)),
        Metadata = r.IsDBNull(4) ? null : r.GetString(4),
    };
}
