using System.Collections.Concurrent;
using System.Diagnostics;
using Bridges.Irc.Client;

namespace Bridges.Bench;

/// <summary>
/// Figure 3, the full bridge: resident set of this process (host, in-process homeserver, one raw IRC observer) idle,
/// then with 100 and with N puppets (N distinct Matrix users, each joined to one of 100 portals, so their puppets
/// are in the channel), and bytes per puppet from the step between the two; then the time for the N puppets to be
/// back in their channels after a graceful host restart, seen from the observer.
/// </summary>
internal static class IrcPuppetBenchmark
{
    private const int ChannelCount = 100;

    /// <summary>Puppet reconnection pace after a start; 1,000 puppets take at least 1,000 times this.</summary>
    public static readonly TimeSpan Stagger = TimeSpan.FromMilliseconds(50);

    public static async Task RunAsync(int puppets, CancellationToken ct)
    {
        var host = await IrcBenchEnv.StartHostAsync(Stagger, ct: ct);
        IrcConnection? observer = null;
        try
        {
            // Idle: the relay bot connected, nothing bridged yet.
            await Task.Delay(TimeSpan.FromSeconds(3), ct);
            var idle = ProcessMemory.Measure();
            Figure.Print("irc_rss_idle_mb", idle.Resident / ProcessMemory.Megabyte, "MB");
            Figure.Print("irc_managed_heap_idle_mb", idle.Managed / ProcessMemory.Megabyte, "MB");

            using var matrix = new BenchMatrixClient(host);
            var channels = Enumerable.Range(0, ChannelCount).Select(i => "#" + IrcBenchEnv.Unique($"bmem{i}x")).ToArray();
            observer = await IrcBenchEnv.ConnectAsync(IrcBenchEnv.Options(IrcBenchEnv.Unique("bobs"), trackMembers: true), ct);
            foreach (var channel in channels)
            {
                await observer.JoinAsync(channel, null, ct);
            }

            var users = Enumerable.Range(0, puppets).Select(i => matrix.UserId(IrcBenchEnv.Unique($"bp{i}x"))).ToArray();
            var nicks = users.Select(IrcRelayBenchmark.PuppetNick).ToArray();
            await IrcBenchEnv.ForEachAsync(users, 8, async (user, token) => await matrix.RegisterAsync(user, token), ct);
            bool InChannel(int i) => observer.GetChannel(channels[i % ChannelCount])?.TryGetMember(nicks[i], out _) == true;

            // 100 first, one per channel (the portals are created here), then the rest: the step is puppets only.
            var first = Math.Min(100, puppets);
            var clock = Stopwatch.StartNew();
            await JoinAsync(matrix, users, channels, 0, first, ct);
            await IrcBenchEnv.UntilAsync(() => Enumerable.Range(0, first).All(InChannel), $"{first} puppets in their channels", TimeSpan.FromSeconds(120), ct);
            var some = ProcessMemory.Measure();
            Figure.Print($"irc_rss_{first}_puppets_mb", some.Resident / ProcessMemory.Megabyte, "MB");
            if (puppets > first)
            {
                await JoinAsync(matrix, users, channels, first, puppets, ct);
                var all = await IrcBenchEnv.UntilAsync(() => Enumerable.Range(0, puppets).All(InChannel), $"{puppets} puppets in their channels", TimeSpan.FromSeconds(300), ct);
                await Console.Error.WriteLineAsync($"{Enumerable.Range(0, puppets).Count(InChannel)} puppets joined in {clock.Elapsed.TotalSeconds:0} s (users joining their portals one after another per portal).");
                var many = ProcessMemory.Measure();
                var joined = Enumerable.Range(0, puppets).Count(InChannel);
                Figure.Print($"irc_rss_{puppets}_puppets_mb", many.Resident / ProcessMemory.Megabyte, "MB");
                Figure.Print("irc_rss_per_puppet_kb", (many.Resident - some.Resident) / 1024.0 / Math.Max(1, joined - first), "KB");
                Figure.Print("irc_managed_heap_per_puppet_kb", (many.Managed - some.Managed) / 1024.0 / Math.Max(1, joined - first), "KB");
                if (!all)
                {
                    await Console.Error.WriteLineAsync($"Only {joined} of {puppets} puppets joined; the per-puppet figures use that count.");
                }
            }

            await ReconnectAsync(host, observer, nicks, ct);
        }
        finally
        {
            if (observer is not null)
            {
                await observer.DisposeAsync();
            }

            await host.DisposeAsync();
        }
    }

    private static async Task JoinAsync(BenchMatrixClient matrix, string[] users, string[] channels, int from, int to, CancellationToken ct) =>
        await IrcBenchEnv.ForEachAsync(Enumerable.Range(from, to - from), 16, async (i, token) =>
        {
            try
            {
                await matrix.JoinChannelAsync(users[i], channels[i % ChannelCount], token);
            }
            catch (HttpRequestException e)
            {
                await Console.Error.WriteLineAsync($"{users[i]} could not join its portal: {e.Message}");
            }
        }, ct);

    /// <summary>Restarts the host (graceful stop, start on the same database) and times until every puppet JOINed again.</summary>
    private static async Task ReconnectAsync(Testing.BridgeTestHost host, IrcConnection observer, string[] nicks, CancellationToken ct)
    {
        var expected = nicks.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var back = new ConcurrentDictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        void OnMessage(object? sender, IrcMessageEventArgs e)
        {
            if (e.Message.Command == IrcCommands.Join && e.Message.SourceNick is { } nick && expected.Contains(nick))
            {
                back[nick] = true;
            }
        }

        observer.MessageReceived += OnMessage;
        try
        {
            var clock = Stopwatch.StartNew();
            await host.RestartAsync(ct);
            var ready = clock.Elapsed;
            var timeout = (Stagger * nicks.Length) + TimeSpan.FromSeconds(90);
            await IrcBenchEnv.UntilAsync(() => back.Count >= nicks.Length, $"{nicks.Length} puppets back in their channels", timeout, ct);
            var total = clock.Elapsed;
            var name = back.Count >= nicks.Length ? $"irc_reconnect_{nicks.Length}_puppets" : $"irc_reconnect_{back.Count}_of_{nicks.Length}_puppets";
            Figure.Print(name + "_s", total.TotalSeconds, "s");
            Figure.Print(name + "_after_ready_s", (total - ready).TotalSeconds, "s");
            Figure.Print("irc_restart_stop_and_start_s", ready.TotalSeconds, "s");
        }
        finally
        {
            observer.MessageReceived -= OnMessage;
        }
    }
}
