using Bridges.Core.Database;
using Bridges.Core.Network.Ids;
using Bridges.Storage.Bridge;

namespace Bridges.Storage.Tests.Bridge;

public abstract partial class BridgeStoresTests
{
    private const int Writers = 8;
    private const int MappingsPerWriter = 200;
    private static readonly TimeSpan ConcurrencyTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Portal consumers of one process share one database handle; on SQLite its in-process write lock serialises them.</summary>
    [Fact]
    public async Task Eight_writers_sharing_one_handle_each_adding_200_mappings_lose_no_rows()
    {
        var db = await Backend.GetMigratedDatabaseAsync();
        var shared = new SqlBridgeStores(db, _network).Messages;

        await AddMappingsConcurrentlyAsync(_ => shared);
    }

    /// <summary>Handles with their own pools and locks, as separate processes have; on SQLite only busy handling keeps them apart.</summary>
    [Fact]
    public async Task Eight_writers_on_separate_handles_each_adding_200_mappings_lose_no_rows()
    {
        var db = await Backend.GetMigratedDatabaseAsync();
        var handles = Enumerable.Range(0, Writers).Select(_ => new SqlBridgeStores(Backend.Reopen(db), _network).Messages).ToList();

        await AddMappingsConcurrentlyAsync(w => handles[w]);
    }

    [Fact]
    public async Task Concurrent_adds_of_one_portal_remote_id_and_part_store_exactly_one_row()
    {
        var stores = await RacingMessageStoresAsync();

        for (var round = 0; round < 10; round++)
        {
            var remoteId = $"race-{round}";
            // Same (portal, remote id, part), a different Matrix event each: two deliveries of one remote message.
            var results = await RunConcurrentlyAsync(w => stores[w].TryAddAsync(Message(Shared("#race"), remoteId, $"race-{round}-w{w}"), Ct));

            Assert.Single(results, added => added);
            Assert.Single(await stores[0].GetPartsAsync(Shared("#race"), new RemoteMessageId(remoteId), Ct));
        }

        Assert.Equal(10, await CountAsync("messages"));
    }

    [Fact]
    public async Task Concurrent_adds_of_one_room_and_event_id_store_exactly_one_row()
    {
        var stores = await RacingMessageStoresAsync();

        for (var round = 0; round < 10; round++)
        {
            var eventId = $"race-{round}";
            // Same Matrix event, a different remote id each: a replayed Matrix event handled twice.
            var results = await RunConcurrentlyAsync(w => stores[w].TryAddAsync(Message(Shared("#race"), $"race-{round}-w{w}", eventId), Ct));

            Assert.Single(results, added => added);
            Assert.NotNull(await stores[0].GetByEventAsync(Room("main"), Event(eventId), Ct));
        }

        Assert.Equal(10, await CountAsync("messages"));
    }

    [Fact]
    public async Task Concurrent_adds_of_one_reaction_store_exactly_one_row()
    {
        var stores = await RacingMessageStoresAsync();

        for (var round = 0; round < 10; round++)
        {
            var target = $"target-{round}";
            var results = await RunConcurrentlyAsync(w => stores[w].TryAddReactionAsync(Reaction(Shared("#race"), target, "bob", "👍", $"{target}-w{w}"), Ct));

            Assert.Single(results, added => added);
        }

        Assert.Equal(10, await CountAsync("reactions"));
    }

    [Fact]
    public async Task Concurrent_upserts_of_one_portal_leave_one_row_holding_one_writers_values()
    {
        var db = await Backend.GetMigratedDatabaseAsync();
        var stores = Enumerable.Range(0, Writers).Select(w => new SqlBridgeStores(w % 2 == 0 ? db : Backend.Reopen(db), _network)).ToList();
        var written = Enumerable.Range(0, Writers).Select(w => new PortalRecord { Key = Shared("#race"), Name = $"name-{w}", Topic = $"topic-{w}" }).ToList();

        await RunConcurrentlyAsync(async w =>
        {
            await stores[w].Portals.UpsertAsync(written[w], Ct);
            return true;
        });

        var stored = Assert.Single(await stores[0].Portals.ListAsync(Ct));
        Assert.Contains(stored, written);
    }

    /// <summary>Eight writers add 200 distinct mappings each to one portal; every add must succeed and every row must be there.</summary>
    private async Task AddMappingsConcurrentlyAsync(Func<int, IMessageStore> storeFor)
    {
        var portal = Shared("#busy");
        var refused = await RunConcurrentlyAsync(async w =>
        {
            var store = storeFor(w);
            var count = 0;
            for (var i = 0; i < MappingsPerWriter; i++)
            {
                var record = Message(portal, $"w{w}-m{i}", $"w{w}-e{i}", ms: 1_900_000_000_000 + (i * Writers) + w) with { Sender = new RemoteUserId($"writer-{w}") };
                count += await store.TryAddAsync(record, Ct) ? 0 : 1;

                // Readers run beside the writers and see each commit at once.
                Assert.Equal(record, await store.GetByEventAsync(record.RoomId, record.EventId, Ct));
            }

            return count;
        });

        Assert.All(refused, r => Assert.Equal(0, r));
        var expected = Enumerable.Range(0, Writers).SelectMany(w => Enumerable.Range(0, MappingsPerWriter).Select(i => $"$w{w}-e{i}"));
        var stored = await MappedEventIdsAsync(await Backend.GetMigratedDatabaseAsync());
        Assert.Equal(Writers * MappingsPerWriter, stored.Count);
        Assert.Equal(expected.Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
        var last = await storeFor(0).GetLastAsync(portal, Ct);
        Assert.Equal($"w{Writers - 1}-m{MappingsPerWriter - 1}", last?.RemoteId.Value);
    }

    /// <summary>Half the racers share the class's handle (in-process lock), half have their own (cross-process contention).</summary>
    private async Task<List<IMessageStore>> RacingMessageStoresAsync()
    {
        var db = await Backend.GetMigratedDatabaseAsync();
        return [.. Enumerable.Range(0, Writers).Select(w => new SqlBridgeStores(w % 2 == 0 ? db : Backend.Reopen(db), _network).Messages)];
    }

    /// <summary>Starts <see cref="Writers"/> tasks together (released at once, not as they are created) and awaits them all, bounded.</summary>
    private static async Task<T[]> RunConcurrentlyAsync<T>(Func<int, Task<T>> work)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            await start.Task;
            return await work(w);
        })).ToList();
        start.SetResult();
        return await Task.WhenAll(tasks).WaitAsync(ConcurrencyTimeout);
    }
}
