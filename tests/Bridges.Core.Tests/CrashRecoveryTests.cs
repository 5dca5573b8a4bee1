using System.Security.Cryptography;
using Bridges.Core.Tests.Support;
using Xunit.Abstractions;
using Bridges.Loopback;
using Bridges.Matrix.Ids;
using Bridges.Testing;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Bridges.Core.Tests;

/// <summary>
/// Kills the host in the middle of heavy traffic both ways and restarts it on the same database: every message
/// must arrive exactly once, in order per portal, on both sides. Remote→Matrix relies on the network pushing again
/// what the bridge had not acknowledged and on deterministic transaction ids; Matrix→remote on the homeserver
/// retrying transactions, the durable inbox and the message map.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private const int PerPortal = 500;
    private const int Backlog = 150;
    private const int TypingWindow = 40;
    private static readonly string[] Chats = ["north", "south"];
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);

    [Fact]
    public Task Every_message_arrives_once_and_in_order_both_ways_after_a_kill_on_SQLite() => RunAsync(storage: null);

    [Fact]
    public async Task Every_message_arrives_once_and_in_order_both_ways_after_a_kill_on_PostgreSQL()
    {
        var server = Environment.GetEnvironmentVariable("BRIDGES_TEST_PG") is { Length: > 0 } fromEnv
            ? fromEnv
            : "Host=127.0.0.1;Port=15432;Username=bridges;Database=bridges_test";
        var name = "bridges_crash_" + RandomNumberGenerator.GetHexString(12, lowercase: true);
        await ExecuteAsync(server, $"CREATE DATABASE {name}");
        try
        {
            await RunAsync(new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    private async Task RunAsync(string? storage)
    {
        var network = new LoopbackNetwork();
        // A failure here is a delivery bug until shown otherwise: the host's log goes with the failure.
        var log = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(log).SetMinimumLevel(LogLevel.Information));
        try
        {
            await RunAsync(storage, network, loggers);
        }
        catch
        {
            var path = Path.Combine(Path.GetTempPath(), $"bridges-crash-{Guid.NewGuid():N}.log");
            await File.WriteAllLinesAsync(path, log.Lines);
            output.WriteLine($"Host log ({log.Lines.Count} lines) in {path}; warnings and errors:");
            foreach (var line in log.Lines.Where(l => !l.StartsWith("Information", StringComparison.Ordinal)).Take(200))
            {
                output.WriteLine(line);
            }

            throw;
        }
    }

    private async Task RunAsync(string? storage, LoopbackNetwork network, ILoggerFactory loggers)
    {
        // The bridge reaches the homeserver through a proxy, so the kill can be made to land while a push is in flight.
        HoldingHttpProxy? homeserver = null;
        await using var h = await LoopbackHarness.StartAsync((c, _, _) =>
        {
            homeserver = HoldingHttpProxy.StartAsync(new Uri(c["homeserver:url"]!)).GetAwaiter().GetResult();
            c["homeserver:url"] = homeserver.Url.ToString();
            if (storage is not null)
            {
                c["storage:backend"] = "postgres";
                c["storage:connectionstring"] = storage;
            }
        }, network, loggers);
        await using var proxy = homeserver!;
        var carol = network.AddUser("carol", "Carol", "carol-pw");
        var me = await h.UserAsync("me");
        await h.LoginAsync(me, carol, "carol-pw");
        var rooms = new Dictionary<string, RoomId>();
        foreach (var chat in Chats)
        {
            rooms[chat] = await h.OpenPortalAsync(me, chat);
        }

        // Remote→Matrix: a backlog is queued on the network at once and pushed as fast as the bridge takes it; the
        // rest keeps coming while the user types, so the kill cuts both directions mid-way.
        void SendRemote(string chat, int i) => (chat == "north" ? network.Alice : network.Bob).Send(chat, Remote(chat, i));
        foreach (var chat in Chats)
        {
            for (var i = 0; i < Backlog; i++)
            {
                SendRemote(chat, i);
            }
        }

        // Matrix→remote: the user keeps typing, crash or not (the homeserver holds on to the bridge's transactions).
        var typed = 0;
        var typing = Task.Run(async () =>
        {
            for (var i = 0; i < PerPortal; i++)
            {
                // A user types at the pace the room moves (a window of messages ahead of the bridge), not all at once.
                await network.WaitUntilAsync(() => network.Sent.Count >= Volatile.Read(ref typed) - TypingWindow, Deadline);
                foreach (var chat in Chats)
                {
                    await me.SendTextAsync(rooms[chat], FromMatrix(chat, i));
                    Interlocked.Increment(ref typed);
                    if (Backlog + i < PerPortal)
                    {
                        SendRemote(chat, Backlog + i);
                    }
                }
            }
        });

        // Kill in the middle: a good part of both directions is through, much is still to come, and pushes are waiting
        // on the bridge (portals run in parallel, so the remote side may otherwise have caught up with the typing).
        await WaitAsync(network, "the middle", () => network.Chat("north").Acknowledged > 100 && network.Chat("south").Acknowledged > 100
            && network.Sent.Count > 200);

        // A ghost's message to north is held at the homeserver, so its push is surely in flight at the kill (without
        // the hold a fast machine may have acknowledged everything it was pushed). Released after the kill, the held
        // send may still reach the homeserver: then the repeated push must be deduplicated by its transaction id.
        var north = rooms["north"].Value;
        var hold = proxy.Hold(r => r.Method == "PUT" && r.Path.Value!.Contains($"/rooms/{north}/send/m.room.message/", StringComparison.Ordinal));
        await WaitAsync(network, "a held message to north", () => proxy.HeldRequests > 0);
        await h.Host.KillAsync();
        var atKill = (Remote: Chats.Sum(c => network.Chat(c).Acknowledged), ToNetwork: network.Sent.Count);
        hold.Dispose();
        await h.Host.RestartAsync();

        // The user types on as long as the homeserver takes the messages; only a stall of the deadline fails.
        for (var seen = -1; !typing.IsCompleted && Volatile.Read(ref typed) != seen;)
        {
            seen = Volatile.Read(ref typed);
            await Task.WhenAny(typing, Task.Delay(Deadline));
        }

        await typing.WaitAsync(TimeSpan.Zero);
        await WaitAsync(network, "the end", () => network.Sent.Count == 2 * PerPortal && Chats.All(c => network.Chat(c).Acknowledged == network.Chat(c).EventCount));
        Assert.True(atKill.Remote < 2 * PerPortal + 2 && atKill.ToNetwork < 2 * PerPortal, $"The kill came too late to matter: {atKill}.");

        foreach (var chat in Chats)
        {
            var expectedRemote = Enumerable.Range(0, PerPortal).Select(i => Remote(chat, i)).ToList();
            var expectedMatrix = Enumerable.Range(0, PerPortal).Select(i => FromMatrix(chat, i)).ToList();
            var ghost = h.Ghost(chat == "north" ? network.Alice : network.Bob).Value;

            // Matrix side: each remote message once, in order, from its ghost; the user's own messages only once (no echo came back).
            var timeline = (await me.GetMessagesAsync(rooms[chat])).Where(e => e.Type() == "m.room.message").ToList();
            Assert.DoesNotContain(timeline, e => e.Sender() == h.Bot.Value);
            Assert.Equal(expectedRemote, timeline.Where(e => e.Body()!.StartsWith(chat + "-remote-", StringComparison.Ordinal)).Select(e => e.Body()!).ToList());
            Assert.All(timeline.Where(e => e.Body()!.StartsWith(chat + "-remote-", StringComparison.Ordinal)), e => Assert.Equal(ghost, e.Sender()));
            Assert.Equal(expectedMatrix, timeline.Where(e => e.Body()!.StartsWith(chat + "-matrix-", StringComparison.Ordinal)).Select(e => e.Body()!).ToList());
            Assert.All(timeline.Where(e => e.Body()!.StartsWith(chat + "-matrix-", StringComparison.Ordinal)), e => Assert.Equal(me.UserId.Value, e.Sender()));

            // Network side: each Matrix message once, in order, as the user's login.
            var sent = network.Sent.Where(s => s.Chat == chat).ToList();
            Assert.Equal(expectedMatrix, sent.Select(s => s.Text!).ToList());
            Assert.All(sent, s => Assert.Equal("carol", s.Account));
        }

        output.WriteLine($"At the kill {atKill.Remote} remote events were acknowledged and {atKill.ToNetwork} messages had reached the network; "
            + $"{network.DroppedPushes} pushes were cut off, {network.Redeliveries} pushes were repeated and {network.SuppressedDuplicateSends} resends answered by the idempotency key.");

        // The kill really cut work in flight: pushes were repeated after the restart. A resend of a message whose
        // mapping the kill lost is answered by the network's idempotency key; at most one per portal can exist.
        Assert.True(network.Redeliveries > 0, "No push was in flight when the host was killed.");
        Assert.InRange(network.SuppressedDuplicateSends, 0, Chats.Length);
        h.Host.Homeserver?.AssertNoSpecViolations();
    }

    /// <summary>
    /// Waits for <paramref name="condition"/> for as long as the bridge keeps making progress: a loaded machine may
    /// take minutes for the thousands of messages, but a stall of <see cref="Deadline"/> with nothing moving fails.
    /// </summary>
    private static async Task WaitAsync(LoopbackNetwork network, string what, Func<bool> condition)
    {
        int Progress() => network.Sent.Count + Chats.Sum(c => network.Chat(c).Acknowledged);
        var overall = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        try
        {
            while (true)
            {
                var before = Progress();
                await network.WaitUntilAsync(() => condition() || Progress() != before, Deadline);
                if (condition())
                {
                    return;
                }

                // Progress without end is a bug too (a send repeated forever): sends beyond the total, or minutes of it.
                Assert.InRange(network.Sent.Count, 0, 2 * PerPortal);
                if (DateTime.UtcNow > overall)
                {
                    throw new TimeoutException("still moving after five minutes");
                }
            }
        }
        catch (TimeoutException e)
        {
            var chats = string.Join(", ", Chats.Select(c => $"{c}: {network.Chat(c).Acknowledged}/{network.Chat(c).EventCount} acknowledged"));
            var sent = network.Sent.Select(s => s.Text).ToHashSet();
            var missing = Chats.SelectMany(c => Enumerable.Range(0, PerPortal).Select(i => FromMatrix(c, i))).Where(t => !sent.Contains(t)).Take(10);
            throw new TimeoutException($"Waiting for {what}: {chats}; {network.Sent.Count} sent to the network (first missing: {string.Join(", ", missing)}); "
                + $"{network.Redeliveries} redeliveries.", e);
        }
    }

    private static string Remote(string chat, int i) => $"{chat}-remote-{i:D4}";

    private static string FromMatrix(string chat, int i) => $"{chat}-matrix-{i:D4}";

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
