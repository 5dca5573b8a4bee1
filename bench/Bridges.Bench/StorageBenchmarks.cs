using System.Diagnostics;
using Bridges.Core.Database;
using Bridges.Core.Network.Ids;
using Bridges.Hosting.Runtime;
using Bridges.Matrix.Ids;
using Bridges.Matrix.Registration;
using Bridges.Storage;
using Bridges.Storage.Bridge;
using Bridges.Storage.Database;
using Bridges.Storage.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Bridges.Bench;

/// <summary>
/// Figure 4: cold start (process-level start of the host to ready) with 10,000 portals and 100,000 mapped messages;
/// figure 5: message-map inserts and lookups per second. Both on SQLite, and on PostgreSQL when reachable
/// (<c>BRIDGES_TEST_PG</c>, as the tests use).
/// </summary>
internal static class StorageBenchmarks
{
    private const int Portals = 10_000;
    private const int Messages = 100_000;

    public static async Task RunAsync()
    {
        var sqlite = Path.Combine(Path.GetTempPath(), $"bridges-bench-{Guid.NewGuid():N}.db");
        await RunBackendAsync("sqlite", new StorageOptions { Backend = "sqlite", ConnectionString = sqlite });
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(sqlite + suffix);
        }

        var pg = Environment.GetEnvironmentVariable("BRIDGES_TEST_PG") ?? "Host=127.0.0.1;Port=15432;Username=bridges;Database=bridges_test";
        var name = $"bridges_bench_{Guid.NewGuid():N}";
        try
        {
            await using (var admin = new NpgsqlConnection(pg))
            {
                await admin.OpenAsync();
                await new NpgsqlCommand($"CREATE DATABASE {name}", admin).ExecuteNonQueryAsync();
            }
        }
        catch (NpgsqlException e)
        {
            Console.Error.WriteLine($"PostgreSQL not reachable ({e.Message}); PostgreSQL figures skipped.");
            return;
        }

        try
        {
            await RunBackendAsync("postgres", new StorageOptions { Backend = "postgres", ConnectionString = new NpgsqlConnectionStringBuilder(pg) { Database = name }.ConnectionString });
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(pg);
            await admin.OpenAsync();
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin).ExecuteNonQueryAsync();
        }
    }

    private static async Task RunBackendAsync(string backend, StorageOptions storage)
    {
        await using (var db = BridgesDatabase.Create(storage))
        {
            await new MigrationRunner(db, NullLogger<MigrationRunner>.Instance).ApplyAsync([StorageMigrations.Framework], CancellationToken.None);
            var stores = new SqlBridgeStores(db, "noop");
            await MessageMapAsync(backend, stores.Messages);
            await FillAsync(db);
        }

        await ColdStartAsync(backend, storage);
    }

    private static async Task MessageMapAsync(string backend, IMessageStore messages)
    {
        var portal = new PortalKey(new PortalId("bench"));
        var room = RoomId.Parse("!bench:localhost");
        const int n = 5_000;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < n; i++)
        {
            await messages.TryAddAsync(new MessageRecord { Portal = portal, RemoteId = new RemoteMessageId("r" + i), RoomId = room, EventId = EventId.Parse($"$ev{i}"), Timestamp = DateTimeOffset.UnixEpoch.AddSeconds(i) }, CancellationToken.None);
        }

        Figure.Print($"message_map_inserts_per_second_{backend}", n / clock.Elapsed.TotalSeconds, "inserts/s");
        clock.Restart();
        for (var i = 0; i < n; i++)
        {
            _ = await messages.GetByEventAsync(room, EventId.Parse($"$ev{(i * 7919) % n}"), CancellationToken.None);
        }

        Figure.Print($"message_map_lookups_per_second_{backend}", n / clock.Elapsed.TotalSeconds, "lookups/s");
    }

    private static async Task FillAsync(BridgesDatabase db) =>
        await db.WriteAsync(async (conn, tx) =>
        {
            await using (var portal = BridgesDatabase.Command(conn, tx, "INSERT INTO portals (network, portal_id, receiver, room_id, name) VALUES ('noop', @p, '', @r, @p)", ("@p", string.Empty), ("@r", string.Empty)))
            {
                for (var i = 0; i < Portals; i++)
                {
                    portal.Parameters["@p"].Value = "chat" + i;
                    portal.Parameters["@r"].Value = $"!fill{i}:localhost";
                    await portal.ExecuteNonQueryAsync();
                }
            }

            await using var message = BridgesDatabase.Command(conn, tx,
                "INSERT INTO messages (network, portal_id, receiver, remote_id, part_id, room_id, event_id, ts) VALUES ('noop', @p, '', @id, '', @r, @e, @ts)",
                ("@p", string.Empty), ("@id", string.Empty), ("@r", string.Empty), ("@e", string.Empty), ("@ts", 0L));
            for (var i = 0; i < Messages; i++)
            {
                message.Parameters["@p"].Value = "chat" + (i % Portals);
                message.Parameters["@id"].Value = "fill" + i;
                message.Parameters["@r"].Value = $"!fill{i % Portals}:localhost";
                message.Parameters["@e"].Value = $"$fill{i}";
                message.Parameters["@ts"].Value = (long)i;
                await message.ExecuteNonQueryAsync();
            }

            return 0;
        }, CancellationToken.None);

    private static async Task ColdStartAsync(string backend, StorageOptions storage)
    {
        var registration = RegistrationTokens.Create("bench", null, "noopbot", new RegistrationNamespaces());
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["homeserver:url"] = "http://127.0.0.1:9/",
            ["homeserver:servername"] = "localhost",
            ["appservice:port"] = "0",
            ["metrics:port"] = "0",
            ["storage:backend"] = storage.Backend,
            ["storage:connectionstring"] = storage.ConnectionString,
            ["bridges:noop:enabled"] = "true",
        }).Build();
        var clock = Stopwatch.StartNew();
        await using var app = await BridgesApplication.StartAsync(config, [NoopNetwork.Plugin], new Dictionary<string, AppServiceRegistration> { ["noop"] = registration },
            NullLoggerFactory.Instance, TimeProvider.System, CancellationToken.None);
        clock.Stop();
        Figure.Print($"cold_start_{backend}_10k_portals_100k_messages", clock.Elapsed.TotalMilliseconds, "ms");
    }
}
