using System.Data.Common;
using Bridges.Core.Database;
using Bridges.Core.Network.Ids;
using Bridges.Matrix.Ids;
using Bridges.Storage.Database;

namespace Bridges.Storage.Bridge;

internal sealed class SqlOutboxStore(BridgesDatabase db, string network) : IOutboxStore
{
    private const string Columns = "portal_id, receiver, remote_id, part_id, room_id, intent_user, event_type, content, txn_id, sender, ts, backdated, thread_root, reply_to";
    private const string Key = "network = @n AND portal_id = @p AND receiver = @r AND remote_id = @id AND part_id = @part";

    public Task AddAsync(IReadOnlyList<OutboxRecord> parts, CancellationToken ct) => db.WriteAsync(async (conn, tx) =>
    {
        var created = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var o in parts)
        {
            // A row left by a crash for the same part stays as it was: same txn id, same content.
            await using var insert = BridgesDatabase.Command(conn, tx,
                $"INSERT INTO outbox (network, {Columns}, created) VALUES (@n, @p, @r, @id, @part, @room, @intent, @type, @content, @txn, @s, @ts, @back, @thr, @rep, @created) ON CONFLICT DO NOTHING",
                ("@n", network), ("@p", o.Portal.Id.Value), ("@r", Receiver(o.Portal)), ("@id", o.RemoteId.Value), ("@part", o.Part.Value ?? string.Empty),
                ("@room", o.RoomId.Value), ("@intent", o.Intent.Value), ("@type", o.EventType), ("@content", o.Content), ("@txn", o.TxnId), ("@s", o.Sender?.Value),
                ("@ts", o.Timestamp.ToUnixTimeMilliseconds()), ("@back", o.Backdated ? 1 : 0), ("@thr", o.ThreadRoot?.Value), ("@rep", o.ReplyTo?.Value), ("@created", created));
            await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        return true;
    }, ct);

    public Task CompleteAsync(OutboxRecord o, EventId eventId, CancellationToken ct) => db.WriteAsync(async (conn, tx) =>
    {
        var mapping = new MessageRecord
        {
            Portal = o.Portal, RemoteId = o.RemoteId, Part = o.Part, RoomId = o.RoomId, EventId = eventId, Sender = o.Sender, MatrixSender = o.Intent,
            Timestamp = o.Timestamp, ThreadRoot = o.ThreadRoot, ReplyTo = o.ReplyTo,
        };
        await using (var map = BridgesDatabase.Command(conn, tx, SqlMessageStore.InsertSql, SqlMessageStore.InsertArgs(network, mapping)))
        {
            await map.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        await using var delete = BridgesDatabase.Command(conn, tx, $"DELETE FROM outbox WHERE {Key}", KeyArgs(o));
        await delete.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        return true;
    }, ct);

    public Task DeleteAsync(OutboxRecord o, CancellationToken ct) => db.ExecuteAsync($"DELETE FROM outbox WHERE {Key}", ct, KeyArgs(o));

    public async Task<IReadOnlyList<OutboxRecord>> ListAsync(CancellationToken ct) =>
        await db.QueryAsync($"SELECT {Columns} FROM outbox WHERE network = @n ORDER BY created, portal_id, receiver, remote_id, part_id", Read, ct, ("@n", network))
            .ConfigureAwait(false);

    private (string, object?)[] KeyArgs(OutboxRecord o) =>
        [("@n", network), ("@p", o.Portal.Id.Value), ("@r", Receiver(o.Portal)), ("@id", o.RemoteId.Value), ("@part", o.Part.Value ?? string.Empty)];

    private static string Receiver(PortalKey key) => key.Receiver?.Value ?? string.Empty;

    private static OutboxRecord Read(DbDataReader r) => new()
    {
        Portal = new PortalKey(new PortalId(r.GetString(0)), r.GetString(1) is { Length: > 0 } receiver ? new UserLoginId(receiver) : null),
        RemoteId = new RemoteMessageId(r.GetString(2)),
        Part = new PartId(r.GetString(3)),
        RoomId = RoomId.Parse(r.GetString(4)),
        Intent = UserId.Parse(r.GetString(5)),
        EventType = r.GetString(6),
        Content = r.GetString(7),
        TxnId = r.GetString(8),
        Sender = r.IsDBNull(9) ? null : new RemoteUserId(r.GetString(9)),
        Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(10)),
        Backdated = r.GetInt64(11) != 0,
        ThreadRoot = r.IsDBNull(12) ? null : new RemoteMessageId(r.GetString(12)),
        ReplyTo = r.IsDBNull(13) ? null : new RemoteMessageId(r.GetString(13)),
    };
}
