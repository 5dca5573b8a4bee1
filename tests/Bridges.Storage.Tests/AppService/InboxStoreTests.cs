using Bridges.Core.Inbox;
using Bridges.Storage.AppService;
using Bridges.Storage.Database;
using Bridges.Storage.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Bridges.Storage.Tests.AppService;

/// <summary>
/// <see cref="SqlAppServiceInboxStore"/> on one backend. The database is shared by the class; each test uses its
/// own appservice id, which the store keys everything by.
/// </summary>
public abstract class InboxStoreTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly string _appServiceId = "as_" + Guid.NewGuid().ToString("N");

    protected InboxStoreTests(StorageBackendFixture backend) => Backend = backend;

    /// <summary>The backend this run of the suite uses.</summary>
    protected StorageBackendFixture Backend { get; }

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task Accept_returns_true_then_false_for_the_same_txn_id()
    {
        var (db, store) = await CreateStoreAsync();

        Assert.True(await store.AcceptAsync("txn-1", [Item("!a:x", "$1")], Ct));
        Assert.False(await store.AcceptAsync("txn-1", [Item("!a:x", "$1")], Ct));
        Assert.False(await store.AcceptAsync("txn-1", [Item("!a:x", "$other")], Ct));

        // The refused duplicates stored nothing.
        Assert.Equal(1, await CountRowsAsync(db, "as_inbox"));
        Assert.Single(await store.ReadPendingAsync(0, 100, Ct));
    }

    [Fact]
    public async Task Accept_of_an_empty_transaction_still_records_its_txn_id()
    {
        var (db, store) = await CreateStoreAsync();

        Assert.True(await store.AcceptAsync("empty", [], Ct));
        Assert.False(await store.AcceptAsync("empty", [], Ct));
        Assert.Equal(0, await CountRowsAsync(db, "as_inbox"));
        Assert.Equal(1, await CountRowsAsync(db, "as_transactions"));
    }

    [Fact]
    public async Task Concurrent_accepts_of_one_txn_id_store_it_once()
    {
        var (db, store) = await CreateStoreAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => store.AcceptAsync("race", [Item("!a:x", "$r1"), Item("!a:x", "$r2")], Ct))));

        Assert.Single(results, r => r);
        Assert.Equal(2, await CountRowsAsync(db, "as_inbox"));
    }

    [Fact]
    public async Task Items_read_back_in_order_after_the_given_sequence()
    {
        var (_, store) = await CreateStoreAsync();
        await store.AcceptAsync("t1", [Item("!a:x", "$1"), Item("!b:x", "$2")], Ct);
        await store.AcceptAsync("t2", [Item("!a:x", "$3")], Ct);
        await store.AcceptAsync("t3", [Item("!c:x", "$4"), Item("!a:x", "$5")], Ct);

        var all = await store.ReadPendingAsync(0, 100, Ct);

        Assert.Equal(["$1", "$2", "$3", "$4", "$5"], all.Select(EventIdOf));
        Assert.Equal(["!a:x", "!b:x", "!a:x", "!c:x", "!a:x"], all.Select(e => e.RoomId));
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence), "sequences must increase");

        var afterSecond = await store.ReadPendingAsync(all[1].Sequence, 100, Ct);
        Assert.Equal(["$3", "$4", "$5"], afterSecond.Select(EventIdOf));

        var limited = await store.ReadPendingAsync(all[0].Sequence, 2, Ct);
        Assert.Equal(["$2", "$3"], limited.Select(EventIdOf));

        Assert.Empty(await store.ReadPendingAsync(all[^1].Sequence, 100, Ct));
    }

    [Fact]
    public async Task Stored_json_comes_back_unchanged()
    {
        var (_, store) = await CreateStoreAsync();
        var json = """{"type":"m.room.message","content":{"body":"Grüße 🦀 \"quoted\" \\ back\nslash","x":[1,2,{"y":null}]}}""" + new string(' ', 10_000);

        await store.AcceptAsync("json", [new InboxItem("!a:x", "$json", json)], Ct);

        Assert.Equal(json, (await store.ReadPendingAsync(0, 1, Ct)).Single().Json);
    }

    [Fact]
    public async Task Mark_done_hides_items_from_pending_reads()
    {
        var (_, store) = await CreateStoreAsync();
        await store.AcceptAsync("t1", [Item("!a:x", "$1"), Item("!a:x", "$2"), Item("!a:x", "$3"), Item("!b:x", "$4")], Ct);
        var all = await store.ReadPendingAsync(0, 100, Ct);

        await store.MarkDoneAsync([all[0].Sequence, all[2].Sequence], Ct);

        Assert.Equal(["$2", "$4"], (await store.ReadPendingAsync(0, 100, Ct)).Select(EventIdOf));

        await store.MarkDoneAsync([all[1].Sequence, all[3].Sequence], Ct);
        Assert.Empty(await store.ReadPendingAsync(0, 100, Ct));

        // Marking twice or marking nothing is harmless.
        await store.MarkDoneAsync([all[1].Sequence], Ct);
        await store.MarkDoneAsync([], Ct);
    }

    [Fact]
    public async Task Prune_removes_old_txn_ids_and_then_the_same_txn_id_is_accepted_again()
    {
        var (db, store) = await CreateStoreAsync();
        await store.AcceptAsync("old", [Item("!a:x", "$old")], Ct);
        _time.Advance(TimeSpan.FromDays(8));
        await store.AcceptAsync("recent", [Item("!a:x", "$recent")], Ct);

        await store.PruneAsync(_time.GetUtcNow() - TimeSpan.FromDays(7), Ct);

        Assert.Equal(1, await CountRowsAsync(db, "as_transactions"));
        Assert.False(await store.AcceptAsync("recent", [], Ct));
        Assert.True(await store.AcceptAsync("old", [Item("!a:x", "$old-again")], Ct));
    }

    [Fact]
    public async Task Prune_removes_old_done_rows_and_keeps_pending_and_recent_ones()
    {
        var (db, store) = await CreateStoreAsync();
        await store.AcceptAsync("t1", [Item("!a:x", "$old-done"), Item("!a:x", "$old-pending")], Ct);
        _time.Advance(TimeSpan.FromDays(8));
        await store.AcceptAsync("t2", [Item("!a:x", "$recent-done")], Ct);
        var all = await store.ReadPendingAsync(0, 100, Ct);
        await store.MarkDoneAsync([all[0].Sequence, all[2].Sequence], Ct);

        await store.PruneAsync(_time.GetUtcNow() - TimeSpan.FromDays(7), Ct);

        var left = await db.QueryAsync("SELECT event_id FROM as_inbox WHERE appservice_id = @a ORDER BY seq", r => r.GetString(0), Ct, ("@a", _appServiceId));
        Assert.Equal(["$old-pending", "$recent-done"], left);
        Assert.Equal(["$old-pending"], (await store.ReadPendingAsync(0, 100, Ct)).Select(EventIdOf));
    }

    [Fact]
    public async Task Stores_of_different_appservices_do_not_see_each_other()
    {
        var (db, store) = await CreateStoreAsync();
        var other = new SqlAppServiceInboxStore(db, _appServiceId + "_other", _time);

        Assert.True(await store.AcceptAsync("shared-id", [Item("!a:x", "$mine")], Ct));
        Assert.True(await other.AcceptAsync("shared-id", [Item("!a:x", "$theirs")], Ct));

        Assert.Equal(["$mine"], (await store.ReadPendingAsync(0, 100, Ct)).Select(EventIdOf));
        Assert.Equal(["$theirs"], (await other.ReadPendingAsync(0, 100, Ct)).Select(EventIdOf));

        _time.Advance(TimeSpan.FromDays(30));
        await store.PruneAsync(_time.GetUtcNow(), Ct);
        Assert.False(await other.AcceptAsync("shared-id", [], Ct));
    }

    [Fact]
    public async Task Accepted_items_are_visible_through_a_second_handle_on_the_database()
    {
        var (db, store) = await CreateStoreAsync();
        await store.AcceptAsync("t1", [Item("!a:x", "$1")], Ct);

        // What a restarted process would see: the commit is durable, not cached in the first handle.
        var reopened = new SqlAppServiceInboxStore(Backend.Reopen(db), _appServiceId, _time);

        Assert.False(await reopened.AcceptAsync("t1", [], Ct));
        Assert.Equal(["$1"], (await reopened.ReadPendingAsync(0, 10, Ct)).Select(EventIdOf));
    }

    private async Task<(BridgesDatabase Db, SqlAppServiceInboxStore Store)> CreateStoreAsync()
    {
        var db = await Backend.GetMigratedDatabaseAsync();
        return (db, new SqlAppServiceInboxStore(db, _appServiceId, _time));
    }

    private async Task<long> CountRowsAsync(BridgesDatabase db, string table) =>
        (await db.QueryAsync($"SELECT COUNT(*) FROM {table} WHERE appservice_id = @a", r => r.GetInt64(0), Ct, ("@a", _appServiceId))).Single();

    private static InboxItem Item(string roomId, string eventId) =>
        new(roomId, eventId, $$$"""{"event_id":"{{{eventId}}}","room_id":"{{{roomId}}}","type":"m.room.message","sender":"@a:x","content":{}}""");

    private static string EventIdOf(InboxEntry entry) => System.Text.Json.JsonDocument.Parse(entry.Json).RootElement.GetProperty("event_id").GetString()!;
}
