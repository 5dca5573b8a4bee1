using System.Diagnostics;
using Bridges.Irc.Client;

namespace Bridges.Bench;

/// <summary>
/// Figure 2: IRC relay throughput and latency across 10 channels, Matrix→IRC (ten Matrix users, each speaking in one
/// portal through their puppet, read by raw IRC clients) and IRC→Matrix (ten raw IRC clients, read by a syncing Matrix
/// user), at 100 and 500 messages/s offered and for a 500-message burst; and process CPU time per bridged message.
/// </summary>
internal static class IrcRelayBenchmark
{
    private const int Channels = 10;
    private static readonly TimeSpan ArrivalTimeout = TimeSpan.FromSeconds(60);

    public static async Task RunAsync(CancellationToken ct)
    {
        AppServiceTap? tap = null;
        var host = await IrcBenchEnv.StartHostAsync(TimeSpan.FromMilliseconds(100), config => tap = AppServiceTap.Start(config), ct);
        var irc = new IrcConnection?[Channels];
        using var stopSync = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task? sync = null;
        try
        {
            using var matrix = new BenchMatrixClient(host);
            LatencyRun? current = null;
            tap!.OnText = (text, at) => (current is { ToIrc: true } run ? run : null)?.ReceivedByHost(text, at);
            var channels = Enumerable.Range(0, Channels).Select(i => "#" + IrcBenchEnv.Unique($"bench{i}x")).ToArray();
            await IrcBenchEnv.ForEachAsync(Enumerable.Range(0, Channels), Channels, async (i, token) =>
            {
                var connection = await IrcBenchEnv.ConnectAsync(IrcBenchEnv.Options(IrcBenchEnv.Unique("bircu"), trackMembers: true), token);
                irc[i] = connection;
                connection.ChatMessageReceived += (_, e) =>
                {
                    if (!e.Message.IsEcho && current is { ToIrc: true } run)
                    {
                        run.Arrived(e.Message.Text, Stopwatch.GetTimestamp());
                    }
                };
                await connection.JoinAsync(channels[i], null, token);
            }, ct);

            // The watcher's joins create the ten portals; its sync loop is the IRC→Matrix far side.
            var watcher = matrix.UserId(IrcBenchEnv.Unique("bwatch"));
            await matrix.RegisterAsync(watcher, ct);
            var rooms = new string[Channels];
            await IrcBenchEnv.ForEachAsync(Enumerable.Range(0, Channels), 4, async (i, token) => rooms[i] = await matrix.JoinChannelAsync(watcher, channels[i], token), ct);
            sync = Task.Run(() => matrix.SyncAsync(watcher, (text, at) => (current is { ToIrc: false } run ? run : null)?.Arrived(text, at), stopSync.Token), CancellationToken.None);
            var senders = Enumerable.Range(0, Channels).Select(_ => matrix.UserId(IrcBenchEnv.Unique("bsend"))).ToArray();
            await IrcBenchEnv.ForEachAsync(Enumerable.Range(0, Channels), 4, async (i, token) =>
            {
                await matrix.RegisterAsync(senders[i], token);
                await matrix.JoinChannelAsync(senders[i], channels[i], token);
            }, ct);
            bool PuppetIn(int i) => irc[i]!.GetChannel(channels[i])?.TryGetMember(PuppetNick(senders[i]), out _) == true;
            if (!await IrcBenchEnv.UntilAsync(() => Enumerable.Range(0, Channels).All(PuppetIn), "every sender's puppet in its channel", TimeSpan.FromSeconds(20), ct))
            {
                await Console.Error.WriteLineAsync("Missing: " + string.Join(", ", Enumerable.Range(0, Channels).Where(i => !PuppetIn(i)).Select(i =>
                    $"{PuppetNick(senders[i])} in {channels[i]} (members: {string.Join(' ', irc[i]!.GetChannel(channels[i])?.Members.Select(m => m.Nick) ?? [])})")));
            }

            Task MatrixToIrc(LatencyRun run, int seq) => matrix.SendTextAsync(senders[seq % Channels], rooms[seq % Channels], run.Text(seq), ct);
            Task IrcToMatrix(LatencyRun run, int seq) => irc[seq % Channels]!.SendPrivmsgAsync(channels[seq % Channels], run.Text(seq), null, ct);

            // Warm-up: JIT, connections, ghosts of the IRC users registered and joined to the portals.
            foreach (var (tag, send) in new (string, Func<LatencyRun, int, Task>)[] { ("wm", MatrixToIrc), ("wi", IrcToMatrix) })
            {
                current = new LatencyRun(tag, 50, tag == "wm");
                await OfferAsync(current, 50, send, ct);
            }

            foreach (var (direction, send) in new (string, Func<LatencyRun, int, Task>)[] { ("m2i", MatrixToIrc), ("i2m", IrcToMatrix) })
            {
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var messages = 0;
                foreach (var (name, rate, count) in new[] { ("100mps", 100.0, 500), ("500mps", 500.0, 2000), ("burst500", 0.0, 500) })
                {
                    current = new LatencyRun(direction + name.Replace("mps", string.Empty, StringComparison.Ordinal), count, direction == "m2i");
                    await OfferAsync(current, rate, send, ct);
                    current.Print($"irc_{direction}_{name}");
                    messages += current.ArrivedCount;
                    await Task.Delay(TimeSpan.FromSeconds(1), ct);
                }

                var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
                Figure.Print($"irc_{direction}_cpu_per_message", cpu.TotalMilliseconds / Math.Max(1, messages), "ms");
            }
        }
        finally
        {
            await stopSync.CancelAsync();
            if (sync is not null)
            {
                await sync.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            foreach (var connection in irc)
            {
                if (connection is not null)
                {
                    await connection.DisposeAsync();
                }
            }

            await host.DisposeAsync();
            if (tap is not null)
            {
                await tap.DisposeAsync();
            }
        }
    }

    /// <summary>The puppet nick the default template gives a Matrix user.</summary>
    public static string PuppetNick(string userId) => userId[1..userId.IndexOf(':', StringComparison.Ordinal)] + "[m]";

    /// <summary>
    /// Offers <see cref="LatencyRun.Count"/> messages at <paramref name="rate"/> per second (0: all at once), without
    /// waiting for one send before the next, then waits for them to arrive (bounded).
    /// </summary>
    public static async Task OfferAsync(LatencyRun run, double rate, Func<LatencyRun, int, Task> send, CancellationToken ct)
    {
        var failures = 0;
        async Task SendOneAsync(int seq)
        {
            try
            {
                await send(run, seq);
            }
            catch (Exception e) when (e is HttpRequestException or IrcConnectionException or TimeoutException or TaskCanceledException)
            {
                Interlocked.Increment(ref failures);
            }
        }

        var sends = new List<Task>(run.Count);
        var clock = Stopwatch.StartNew();
        for (var seq = 0; seq < run.Count;)
        {
            var due = rate <= 0 ? run.Count : Math.Min(run.Count, (int)(clock.Elapsed.TotalSeconds * rate) + 1);
            for (; seq < due; seq++)
            {
                sends.Add(SendOneAsync(seq));
            }

            if (seq < run.Count)
            {
                await Task.Delay(1, ct);
            }
        }

        await run.WaitAllAsync(ArrivalTimeout, ct);
        await Task.WhenAll(sends).WaitAsync(ArrivalTimeout, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (failures > 0)
        {
            await Console.Error.WriteLineAsync($"{run.Tag}: {failures} sends failed.");
        }
    }
}
