using Bridges.Core.Inbox;
using Bridges.Storage.Database;

namespace Bridges.Storage.AppService;

/// <summary>The appservice inbox on SQLite or PostgreSQL, one per appservice id in a shared database.</summary>
public sealed class SqlAppServiceInboxStore : IAppServiceInboxStore
{
    private const int AcceptLockKey = 0x4153_4942; // "ASIB": appservice inbox
    private readonly BridgesDatabase _db;
    private readonly string _appServiceId;
    private readonly TimeProvider _time;

    public SqlAppServiceInboxStore(BridgesDatabase db, string appServiceId, TimeProvider time)
    {
        _db = db;
        _appServiceId = appServiceId;
        _time = time;
    }

    /// <inheritdoc />
    public Task<bool> AcceptAsync(string txnId, IReadOnlyList<InboxItem> items, CancellationToken ct) =>
        _db.WriteAsync(async (conn, tx) =>
        {
            if (_db.Dialect == SqlDialect.Postgres)
            {
                // PostgreSQL numbers rows at insert, not at commit. Readers page by sequence, so two accepts of one
                // appservice must not overlap: the one committing second could otherwise hold lower numbers than rows a
                // reader has already passed, and its events would stay unread until a restart. SQLite serialises writers anyway.
                await using var serialise = BridgesDatabase.Command(conn, tx, "SELECT pg_advisory_xact_lock(@k, hashtext(@a))", ("@k", AcceptLockKey), ("@a", _appServiceId));
                await serialise.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            await using (var claim = BridgesDatabase.Command(conn, tx,
                "INSERT INTO as_transactions (appservice_id, txn_id, received_at) VALUES (@a, @t, @now) ON CONFLICT DO NOTHING",
                ("@a", _appServiceId), ("@t", txnId), ("@now", now)))
            {
                if (await claim.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 0)
                {
                    return false;
                }
            }

            if (items.Count == 0)
            {
                return true;
            }

            await using var insert = BridgesDatabase.Command(conn, tx,
                "INSERT INTO as_inbox (appservice_id, room_id, event_id, json, received_at) VALUES (@a, @r, @e, @j, @now)",
                ("@a", _appServiceId), ("@r", null), ("@e", null), ("@j", null), ("@now", now));
            await insert.PrepareAsync(ct).ConfigureAwait(false);
            foreach (var item in items)
            {
                insert.Parameters["@r"].Value = item.RoomId;
                insert.Parameters["@e"].Value = item.EventId;
                insert.Parameters["@j"].Value = item.Json;
                await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            return true;
        }, ct);

    /// <inheritdoc />
    public async Task<IReadOnlyList<InboxEntry>> ReadPendingAsync(long afterSequence, int limit, CancellationToken ct) =>
        await _db.QueryAsync(
            "SELECT seq, room_id, json FROM as_inbox WHERE appservice_id = @a AND done = 0 AND seq > @after ORDER BY seq LIMIT @limit",
            r => new InboxEntry(r.GetInt64(0), r.GetString(1), r.GetString(2)), ct,
            ("@a", _appServiceId), ("@after", afterSequence), ("@limit", limit)).ConfigureAwait(false);

    /// <inheritdoc />
    public Task MarkDoneAsync(IReadOnlyCollection<long> sequences, CancellationToken ct) =>
        _db.WriteAsync(async (conn, tx) =>
        {
            // A handled event keeps its ids (for deduplication) but not its content: a secret typed into a management
            // room does not outlive its handling here.
            await using var update = BridgesDatabase.Command(conn, tx, "UPDATE as_inbox SET done = 1, json = '' WHERE seq = @s", ("@s", 0L));
            foreach (var seq in sequences)
            {
                update.Parameters["@s"].Value = seq;
                await update.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            return 0;
        }, ct);

    /// <inheritdoc />
    public Task PruneAsync(DateTimeOffset before, CancellationToken ct) =>
        _db.WriteAsync(async (conn, tx) =>
        {
            var cutoff = before.ToUnixTimeMilliseconds();
            await using (var txns = BridgesDatabase.Command(conn, tx, "DELETE FROM as_transactions WHERE appservice_id = @a AND received_at < @c", ("@a", _appServiceId), ("@c", cutoff)))
            {
                await txns.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            await using var done = BridgesDatabase.Command(conn, tx, "DELETE FROM as_inbox WHERE appservice_id = @a AND done = 1 AND received_at < @c", ("@a", _appServiceId), ("@c", cutoff));
            return await done.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, ct);
}
