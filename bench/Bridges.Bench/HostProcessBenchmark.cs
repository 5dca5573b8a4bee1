using System.Diagnostics;
using Bridges.Irc.Client;

namespace Bridges.Bench;

/// <summary>
/// Host-only figures: the <c>bridges</c> host with the IRC bridge in its own process, the test homeserver in another,
/// the load generators here. Its resident set idle and after the runs, and its CPU time per bridged message,
/// Matrix→IRC (one Matrix user speaking in ten portals through its puppet, read by a raw IRC client in the ten
/// channels) and IRC→Matrix (that client speaking, read by the Matrix user's <c>/sync</c>), read from outside it.
/// </summary>
internal static class HostProcessBenchmark
{
    private const int Channels = 10;
    private const int Messages = 2000;
    private const int WarmUp = 2000;
    private const double Rate = 500;
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    /// <summary>The runtime's background tiered-compilation thread, as <c>/proc</c> names it (15 characters).</summary>
    private const string TieringThread = ".NET Tiered Com";

    public static async Task RunAsync(CancellationToken ct)
    {
        if (!await IrcBenchEnv.IsReachableAsync())
        {
            await Console.Error.WriteLineAsync($"IRC test server not reachable at {IrcBenchEnv.Endpoint.Host}:{IrcBenchEnv.Endpoint.Port} (bash testenv/up.sh); host figures skipped.");
            return;
        }

        if (HostProcesses.OutputOf("BridgesHostDll") is not { } hostDll || HostProcesses.OutputOf("TestHomeserverDll") is not { } homeserverDll)
        {
            await Console.Error.WriteLineAsync("Host figures skipped.");
            return;
        }

        // The whole group is bounded, whatever hangs.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeSpan.FromMinutes(5));
        await using var processes = await HostProcesses.StartAsync(hostDll, homeserverDll, limit.Token);
        if (processes is null)
        {
            await Console.Error.WriteLineAsync("Host figures skipped.");
            return;
        }

        try
        {
            await MeasureAsync(processes, limit.Token);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("Host figures: timed out after 5 minutes.");
        }
    }

    private static async Task MeasureAsync(HostProcesses processes, CancellationToken ct)
    {
        var host = processes.Host;
        await using var irc = await IrcBenchEnv.ConnectAsync(IrcBenchEnv.Options(IrcBenchEnv.Unique("bhirc"), trackMembers: true), ct);
        if (!await UntilOnlineAsync(irc, processes.RelayNick, ct))
        {
            return;
        }

        // Idle: ready, relay bot connected, nothing bridged yet.
        var idleCpu = host.CpuTime();
        await Task.Delay(Idle, ct);
        Figure.Print("host_rss_idle_mb", host.Resident() / ProcessMemory.Megabyte, "MB");
        if (ProcessMemory.ResidentPartsOf(host.Id) is (var anon, var file, var shmem))
        {
            Figure.Print("host_rss_idle_anon_mb", anon / ProcessMemory.Megabyte, "MB");
            Figure.Print("host_rss_idle_file_mb", file / ProcessMemory.Megabyte, "MB");
            Figure.Print("host_rss_idle_shmem_mb", shmem / ProcessMemory.Megabyte, "MB");
        }

        Figure.Print("host_cpu_idle_ms_per_s", (host.CpuTime() - idleCpu).TotalMilliseconds / Idle.TotalSeconds, "ms");

        using var matrix = new BenchMatrixClient(processes.HomeserverUrl, HostProcesses.ServerName, processes.Registration.AsToken);
        var channels = Enumerable.Range(0, Channels).Select(i => "#" + IrcBenchEnv.Unique($"bhost{i}x")).ToArray();
        foreach (var channel in channels)
        {
            await irc.JoinAsync(channel, null, ct);
        }

        // The Matrix user's joins create the ten portals (the relay bot joins each channel) and put its puppet in them.
        var user = matrix.UserId(IrcBenchEnv.Unique("bh"));
        await matrix.RegisterAsync(user, ct);
        var rooms = new string[Channels];
        await IrcBenchEnv.ForEachAsync(Enumerable.Range(0, Channels), 4, async (i, token) => rooms[i] = await matrix.JoinChannelAsync(user, channels[i], token), ct);
        var puppet = IrcRelayBenchmark.PuppetNick(user);
        bool Present(string channel, string nick) => irc.GetChannel(channel)?.TryGetMember(nick, out _) == true;
        if (!await IrcBenchEnv.UntilAsync(() => channels.All(c => Present(c, puppet) && Present(c, processes.RelayNick)), "the puppet and the relay bot in every channel", TimeSpan.FromSeconds(30), ct))
        {
            return;
        }

        LatencyRun? current = null;
        irc.ChatMessageReceived += (_, e) =>
        {
            if (!e.Message.IsEcho && current is { ToIrc: true } run)
            {
                run.Arrived(e.Message.Text, Stopwatch.GetTimestamp());
            }
        };
        using var stopSync = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var sync = Task.Run(() => matrix.SyncAsync(user, (text, at) => (current is { ToIrc: false } run ? run : null)?.Arrived(text, at), stopSync.Token), CancellationToken.None);
        try
        {
            Task MatrixToIrc(LatencyRun run, int seq) => matrix.SendTextAsync(user, rooms[seq % Channels], run.Text(seq), ct);
            Task IrcToMatrix(LatencyRun run, int seq) => irc.SendPrivmsgAsync(channels[seq % Channels], run.Text(seq), null, ct);
            var directions = new (string Name, bool ToIrc, Func<LatencyRun, int, Task> Send)[] { ("m2i", true, MatrixToIrc), ("i2m", false, IrcToMatrix) };

            // Warm-up, not measured: the IRC user's ghost registered and joined to the portals, and tiered JIT of the
            // message paths (tier 0, instrumented, then tier 1 for hot methods), which took 17-45% of the host's CPU in
            // the 2,000 messages after a 1,000-message warm-up. Then wait for the background compiles to finish.
            foreach (var (name, toIrc, send) in directions)
            {
                current = new LatencyRun("hw" + name, WarmUp, toIrc);
                await IrcRelayBenchmark.OfferAsync(current, Rate, send, ct);
            }

            await UntilQuietAsync(host, ct);
            foreach (var (name, toIrc, send) in directions)
            {
                current = new LatencyRun("h" + name, Messages, toIrc);
                var before = host.CpuTime();
                var ticksBefore = host.ThreadTicks(TieringThread);
                await IrcRelayBenchmark.OfferAsync(current, Rate, send, ct);
                // The host's tail (mapping writes, the homeserver's echo of its own events) belongs to these messages.
                await Task.Delay(Settle, ct);
                var cpu = host.CpuTime() - before;
                var ticks = host.ThreadTicks(TieringThread);
                Figure.Print($"host_cpu_per_message_{name}_ms", cpu.TotalMilliseconds / Math.Max(1, current.ArrivedCount), "ms");
                processes.KeepLogs |= current.ArrivedCount < Messages;
                // The background JIT (tier-1 recompiles) should be done after the warm-up; say so when it was not. The
                // thread ends when idle, taking its ticks along, so a negative step means it cannot be told.
                var tiering = 100.0 * (ticks.Named - ticksBefore.Named) / Math.Max(1, ticks.All - ticksBefore.All);
                if (tiering > 5)
                {
                    await Console.Error.WriteLineAsync($"host_cpu_per_message_{name}_ms: {tiering:0}% of it was the background JIT (warm-up not finished).");
                }
            }

            Figure.Print("host_rss_after_messages_mb", host.Resident() / ProcessMemory.Megabyte, "MB");
        }
        finally
        {
            await stopSync.CancelAsync();
            await sync.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Waits (bounded) until the host used under 10 ms of CPU in half a second: the warm-up's tail is over.</summary>
    private static async Task UntilQuietAsync(ChildProcess host, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var last = host.CpuTime();
        while (clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(500, ct);
            var now = host.CpuTime();
            if (now - last < TimeSpan.FromMilliseconds(10))
            {
                return;
            }

            last = now;
        }

        await Console.Error.WriteLineAsync("Host figures: the host was still busy 15 s after the warm-up; measuring anyway.");
    }

    /// <summary>Waits (WHOIS from the raw client, bounded) until the host's relay bot is on the IRC server.</summary>
    private static async Task<bool> UntilOnlineAsync(IrcConnection irc, string nick, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (await irc.WhoisAsync(nick, ct).WaitAsync(TimeSpan.FromSeconds(10), ct) is null)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                await Console.Error.WriteLineAsync($"The host's relay bot {nick} did not come online within 30 s; host figures skipped.");
                return false;
            }

            await Task.Delay(200, ct);
        }

        return true;
    }
}
