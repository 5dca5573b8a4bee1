using Bridges.Core.Inbox;
using Bridges.Storage.AppService;
using Bridges.Storage.Database;
using Bridges.Storage.Tests.Support;

namespace Bridges.Storage.Tests.AppService;

/// <summary>The inbox suite on a throw-away PostgreSQL database, plus what only PostgreSQL can get wrong.</summary>
public sealed class PostgresInboxStoreTests(PostgresBackendFixture backend) : InboxStoreTests(backend), IClassFixture<PostgresBackendFixture>
{
    /// <summary>
    /// The dispatcher reads the inbox with a cursor ("pending after sequence N"). PostgreSQL hands out sequence numbers
    /// at insert time, not at commit, so an accept that commits after a later-numbered one must not exist, or a reader
    /// that already moved its cursor past the later one never sees the earlier one's events.
    /// </summary>
    [Fact]
    public async Task Overlapping_accepts_never_hide_events_behind_a_read_cursor()
    {
        var db = await Backend.GetMigratedDatabaseAsync();
        var appServiceId = "as_" + Guid.NewGuid().ToString("N");
        var store = new SqlAppServiceInboxStore(db, appServiceId, TimeProvider.System);
        var big = Enumerable.Range(0, 10_000).Select(i => new InboxItem("!a:x", $"$big{i}", "{}")).ToList();
        var before = await LastSequenceValueAsync(db);

        var slow = store.AcceptAsync("big", big, CancellationToken.None);
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            // Sequence values are visible outside the transaction: once it moves, the big accept holds numbers it has not committed.
            while (await LastSequenceValueAsync(db) == before && !slow.IsCompleted)
            {
                await Task.Delay(1, cts.Token);
            }
        }

        await store.AcceptAsync("small", [new InboxItem("!a:x", "$small", "{}")], CancellationToken.None);
        var firstRead = await store.ReadPendingAsync(0, 100_000, CancellationToken.None);
        var cursor = firstRead.Count == 0 ? 0 : firstRead[^1].Sequence;
        await slow;
        var secondRead = await store.ReadPendingAsync(cursor, 100_000, CancellationToken.None);

        Assert.Equal(big.Count + 1, firstRead.Count + secondRead.Count);
    }

    private static async Task<long> LastSequenceValueAsync(BridgesDatabase db) =>
        (await db.QueryAsync("SELECT COALESCE(last_value, 0) FROM pg_sequences WHERE sequencename = 'as_inbox_seq_seq'", r => r.GetInt64(0), CancellationToken.None)).Single();
}
