using Bridges.Emulators.Discord;

namespace Bridges.Bench;

/// <summary>
/// Figure 7: Discord relay throughput against the Discord emulator (REST and Gateway over real HTTP and WebSocket on
/// loopback), across two bridged channels. Discord→Matrix: Discord users post, a Matrix user syncing in the portals is
/// the far side. Matrix→Discord: Matrix users (relayed through each channel's webhook) send, the emulator's channel
/// messages are the far side. Matrix→Discord runs twice: under the emulator's default REST rate limits, which are
/// Discord's (5 requests per 5 s per webhook, so the figure is that limit), and with the limits lifted, which shows
/// what the bridge itself sustains.
/// </summary>
internal static class DiscordBenchmark
{
    private const int Channels = 2;
    private const int WarmUp = 50;
    private const int Messages = 500;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public static async Task RunAsync(CancellationToken ct)
    {
        var discordLimits = new DiscordEmulatorOptions();
        await using (var session = await DiscordBenchSession.StartAsync(discordLimits, Channels, ct))
        {
            await DiscordToMatrixAsync(session, ct);
            // At the limit each webhook takes BucketLimit messages per window: allow twice the time that needs.
            var perSecond = Channels * discordLimits.BucketLimit / discordLimits.BucketWindow.TotalSeconds;
            await MatrixToDiscordAsync(session, "discord_m2d", Timeout + TimeSpan.FromSeconds(2 * (WarmUp + Messages) / perSecond), latency: false, ct);
        }

        var lifted = new DiscordEmulatorOptions { BucketLimit = 1_000_000, GlobalLimit = 1_000_000 };
        await using (var session = await DiscordBenchSession.StartAsync(lifted, Channels, ct))
        {
            await MatrixToDiscordAsync(session, "discord_m2d_unlimited", Timeout, latency: true, ct);
        }
    }

    /// <summary>Posts as the channels' Discord users, as fast as the emulator takes them; the watcher's sync sees them.</summary>
    private static async Task DiscordToMatrixAsync(DiscordBenchSession session, CancellationToken ct)
    {
        foreach (var (tag, count) in new[] { ("dw", WarmUp), ("d2m", Messages) })
        {
            var run = new LatencyRun(tag, count, toIrc: false);
            session.Watching = run;
            for (var seq = 0; seq < count; seq++)
            {
                var i = seq % session.Channels.Length;
                session.Emulator.Post(session.Channels[i], session.Posters[i], run.Text(seq));
            }

            // On a timeout this notes on stderr which messages are missing; the figures then cover those that came.
            await run.WaitAllAsync(Timeout, ct);
            if (tag == "d2m")
            {
                run.Print("discord_d2m", "messages_per_second");
            }
        }

        session.Watching = null;
    }

    /// <summary>
    /// Each sender sends its portal's share one <c>PUT /send</c> after another (the portals in parallel), while the
    /// emulator's world is watched for the webhook messages.
    /// </summary>
    /// <remarks>
    /// Under the rate limits a message's latency is only its place in the queue divided by the limit, so
    /// <paramref name="latency"/> is false there.
    /// </remarks>
    private static async Task MatrixToDiscordAsync(DiscordBenchSession session, string name, TimeSpan timeout, bool latency, CancellationToken ct)
    {
        foreach (var (tag, count) in new[] { ("mw", WarmUp), ("m2d", Messages) })
        {
            var run = new LatencyRun(tag, count, toIrc: true);
            var limitedBefore = session.Emulator.RateLimitedCount;
            var arrivals = ArrivalsAsync(session, run, name, timeout);
            var sends = Enumerable.Range(0, session.Channels.Length).Select(i => SendAsync(session, run, i, ct)).ToArray();
            await arrivals;
            var failures = (await Task.WhenAll(sends)).Sum();
            if (failures > 0)
            {
                await Console.Error.WriteLineAsync($"{name}: {failures} of {count} sends failed.");
            }

            if (tag == "m2d")
            {
                run.Print(name, "messages_per_second", latency);
                // The bridge waits out buckets from the rate-limit headers, so 429s should stay near zero.
                Figure.Print(name + "_429_responses", session.Emulator.RateLimitedCount - limitedBefore, "responses");
            }
        }
    }

    private static async Task<int> SendAsync(DiscordBenchSession session, LatencyRun run, int channel, CancellationToken ct)
    {
        var failures = 0;
        for (var seq = channel; seq < run.Count; seq += session.Channels.Length)
        {
            try
            {
                await session.Matrix.SendTextAsync(session.Senders[channel], session.Rooms[channel], run.Text(seq), ct);
            }
            catch (HttpRequestException e)
            {
                failures++;
                if (failures == 1)
                {
                    await Console.Error.WriteLineAsync($"{run.Tag}: PUT /send failed: {e.Message}");
                }
            }
        }

        return failures;
    }

    /// <summary>Waits until every message of the run is a channel message; on a timeout, says on stderr which are missing.</summary>
    private static async Task ArrivalsAsync(DiscordBenchSession session, LatencyRun run, string name, TimeSpan timeout)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await session.Emulator.WaitUntilAsync(_ => session.Feed(run, seen), timeout, $"{run.Count} relayed messages");
        }
        catch (TimeoutException)
        {
            await Console.Error.WriteLineAsync($"{name} ({run.Tag}): only {run.ArrivedCount} of {run.Count} messages reached the channels within "
                + $"{timeout.TotalSeconds:0} s; figures cover those. Missing: {run.Missing()}");
        }
    }
}
