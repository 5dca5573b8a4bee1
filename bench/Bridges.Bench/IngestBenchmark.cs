using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
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

namespace Bridges.Bench;

/// <summary>
/// Figure 1: events per second through <c>PUT /transactions</c> (100-event transactions) into a no-op network,
/// each event stored in the durable inbox, dispatched in order per room, relayed and mapped; and the process
/// CPU time per event (load generator included, so an upper bound for the host alone).
/// </summary>
internal static class IngestBenchmark
{
    private const int Rooms = 10;
    private const int EventsPerTransaction = 100;

    public static async Task RunAsync()
    {
        var db = Path.Combine(Path.GetTempPath(), $"bridges-bench-{Guid.NewGuid():N}.db");
        var registration = RegistrationTokens.Create("bench", null, "noopbot", new RegistrationNamespaces());
        await PrepareAsync(db);
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            // No homeserver call happens on this path (member names come from the transactions); none is needed.
            ["homeserver:url"] = "http://127.0.0.1:9/",
            ["homeserver:servername"] = "localhost",
            ["appservice:port"] = "0",
            ["metrics:port"] = "0",
            ["storage:connectionstring"] = db,
            ["bridges:noop:enabled"] = "true",
        }).Build();
        await using var app = await BridgesApplication.StartAsync(config, [NoopNetwork.Plugin], new Dictionary<string, AppServiceRegistration> { ["noop"] = registration },
            NullLoggerFactory.Instance, TimeProvider.System, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = app.ListenUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", registration.HsToken);
        var dispatcher = app.Bridges[0].Dispatcher;

        var txn = 0;
        await SendAsync(http, "members", Members());
        await SendBatchesAsync(http, () => txn++, 20);
        await WaitHandledAsync(dispatcher, 20 * EventsPerTransaction + Rooms);

        const int measured = 300;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await SendBatchesAsync(http, () => txn++, measured);
        await WaitHandledAsync(dispatcher, (20 + measured) * EventsPerTransaction + Rooms);
        clock.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var events = measured * EventsPerTransaction;
        Figure.Print("ingest_events_per_second", events / clock.Elapsed.TotalSeconds, "events/s");
        Figure.Print("ingest_cpu_per_event", cpu.TotalMicroseconds / events, "us");
        await app.DisposeAsync();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(db + suffix);
        }
    }

    private static async Task PrepareAsync(string path)
    {
        await using var db = BridgesDatabase.Create(new StorageOptions { ConnectionString = path });
        await new MigrationRunner(db, NullLogger<MigrationRunner>.Instance).ApplyAsync([StorageMigrations.Framework], CancellationToken.None);
        var stores = new SqlBridgeStores(db, "noop");
        for (var i = 0; i < Rooms; i++)
        {
            await stores.Portals.UpsertAsync(new PortalRecord { Key = new PortalKey(new PortalId("chat" + i)), RoomId = RoomId.Parse($"!room{i}:localhost"), Name = "chat" + i }, CancellationToken.None);
        }
    }

    private static string Members() => "{\"events\":[" + string.Join(',', Enumerable.Range(0, Rooms).Select(r =>
        $"{{\"type\":\"m.room.member\",\"state_key\":\"@alice:localhost\",\"sender\":\"@alice:localhost\",\"room_id\":\"!room{r}:localhost\",\"event_id\":\"$member{r}\",\"origin_server_ts\":1,\"content\":{{\"membership\":\"join\",\"displayname\":\"Alice\"}}}}")) + "]}";

    private static async Task SendBatchesAsync(HttpClient http, Func<int> nextTxn, int count)
    {
        for (var t = 0; t < count; t++)
        {
            var id = nextTxn();
            var body = new StringBuilder("{\"events\":[");
            for (var e = 0; e < EventsPerTransaction; e++)
            {
                body.Append(e == 0 ? string.Empty : ",").Append(
                    $"{{\"type\":\"m.room.message\",\"sender\":\"@alice:localhost\",\"room_id\":\"!room{e % Rooms}:localhost\",\"event_id\":\"$e{id}_{e}\",\"origin_server_ts\":1,\"content\":{{\"msgtype\":\"m.text\",\"body\":\"message {id}/{e}\"}}}}");
            }

            await SendAsync(http, "b" + id, body.Append("]}").ToString());
        }
    }

    private static async Task SendAsync(HttpClient http, string id, string body)
    {
        using var response = await http.PutAsync($"_matrix/app/v1/transactions/bench{id}", new StringContent(body, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
    }

    private static async Task WaitHandledAsync(Core.Inbox.AppServiceEventDispatcher dispatcher, long target)
    {
        var deadline = Stopwatch.StartNew();
        while (dispatcher.HandledCount < target)
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(3))
            {
                throw new TimeoutException($"Only {dispatcher.HandledCount} of {target} events were handled.");
            }

            await Task.Delay(5);
        }
    }
}
