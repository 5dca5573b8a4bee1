using System.Data.Common;
using Bridges.Core.Database;
using Bridges.Core.Network.Ids;
using Bridges.Matrix.Ids;
using Bridges.Storage.Database;

namespace Bridges.Storage.Bridge;

internal sealed class SqlPortalStore(BridgesDatabase db, string network) : IPortalStore
{
    private const string Columns = "portal_id, receiver, room_id, name, topic, avatar_id, avatar_url, is_direct, relay_login, metadata, parent_id, parent_receiver";

    public async Task<PortalRecord?> GetAsync(PortalKey key, CancellationToken ct) =>
        (await db.QueryAsync($"SELECT {Columns} FROM portals WHERE network = @n AND portal_id = @p AND receiver = @r", Read, ct,
            ("@n", network), ("@p", key.Id.Value), ("@r", key.Receiver?.Value ?? string.Empty)).ConfigureAwait(false)).FirstOrDefault();

    public async Task<PortalRecord?> GetByRoomAsync(RoomId room, CancellationToken ct) =>
        (await db.QueryAsync($"SELECT {Columns} FROM portals WHERE network = @n AND room_id = @room", Read, ct,
            ("@n", network), ("@room", room.Value)).ConfigureAwait(false)).FirstOrDefault();

    public Task UpsertAsync(PortalRecord p, CancellationToken ct) => db.ExecuteAsync(
        $"INSERT INTO portals (network, {Columns}) VALUES (@n, @p, @r, @room, @name, @topic, @aid, @aurl, @direct, @relay, @meta, @parent, @preceiver) " +
        "ON CONFLICT (network, portal_id, receiver) DO UPDATE SET room_id = excluded.room_id, name = excluded.name, topic = excluded.topic, " +
        "avatar_id = excluded.avatar_id, avatar_url = excluded.avatar_url, is_direct = excluded.is_direct, relay_login = excluded.relay_login, metadata = excluded.metadata, " +
        "parent_id = excluded.parent_id, parent_receiver = excluded.parent_receiver",
        ct, ("@n", network), ("@p", p.Key.Id.Value), ("@r", p.Key.Receiver?.Value ?? string.Empty), ("@room", p.RoomId?.Value), ("@name", p.Name),
        ("@topic", p.Topic), ("@aid", p.AvatarId), ("@aurl", p.AvatarUrl?.Value), ("@direct", p.IsDirect ? 1 : 0), ("@relay", p.RelayLogin?.Value), ("@meta", p.Metadata),
        ("@parent", p.Parent?.Id.Value), ("@preceiver", p.Parent?.Receiver?.Value ?? string.Empty));

    // The portal's message and reaction map goes with it, in one transaction (mautrix cascades the same way). Left behind,
    // it would aim replies, edits and redactions of a chat bridged again later at the room it left, and drop reused remote ids as duplicates.
    public Task DeleteAsync(PortalKey key, CancellationToken ct) => db.WriteAsync(async (conn, tx) =>
    {
        foreach (var table in (string[])["reactions", "messages", "portals"])
        {
            await using var delete = BridgesDatabase.Command(conn, tx, $"DELETE FROM {table} WHERE network = @n AND portal_id = @p AND receiver = @r",
                ("@n", network), ("@p", key.Id.Value), ("@r", key.Receiver?.Value ?? string.Empty));
            await delete.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        return true;
    }, ct);

    public async Task<IReadOnlyList<PortalRecord>> ListAsync(CancellationToken ct) =>
        await db.QueryAsync($"SELECT {Columns} FROM portals WHERE network = @n ORDER BY portal_id", Read, ct, ("@n", network)).ConfigureAwait(false);

    private static PortalRecord Read(DbDataReader r) => new()
    {
        Key = new PortalKey(new PortalId(r.GetString(0)), r.GetString(1) is { Length: > 0 } receiver ? new UserLoginId(receiver) : null),
        RoomId = r.IsDBNull(2) ? null : RoomId.Parse(r.GetString(2)),
        Name = r.IsDBNull(3) ? null : r.GetString(3),
        Topic = r.IsDBNull(4) ? null : r.GetString(4),
        AvatarId = r.IsDBNull(5) ? null : r.GetString(5),
        AvatarUrl = r.IsDBNull(6) ? null : MxcUri.Parse(r.GetString(6)),
        IsDirect = r.GetInt64(7) != 0,
        RelayLogin = r.IsDBNull(8) ? null : new UserLoginId(r.GetString(8)),
        Metadata = r.IsDBNull(9) ? null : r.GetString(9),
        Parent = r.IsDBNull(10) ? null : new PortalKey(new PortalId(r.GetString(10)), r.IsDBNull(11) || r.GetString(11).Length == 0 ? null : new UserLoginId(r.GetString(11))),
    };
}
