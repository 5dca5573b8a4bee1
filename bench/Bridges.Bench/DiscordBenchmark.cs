using System.Diagnostics;
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

    // Several sends in flight, so that the load generator's own round trips do not set the Matrix→Discord figure.
    private const int SendWorkers = 8;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public static async Task RunAsync(CancellationToken ct)
    {
        var discordLimits = new DiscordEmulatorOptions();
        await using (var session = await DiscordBenchSession.StartAsync(discordLimits, Channels, ct))
        {
            await DiscordToMatrixAsync(session, ct);
            // At the limit each webhook takes BucketLimit messages per window: allow twice the time that needs.
            var perSecond = Channels * discordLimits.BucketLimit / discordLimits.BucketWindow.TotalSeconds;
            await MatrixToDiscordAsync(session, "discord_m2d", Timeout + TimeSpan.FromSeconds(2 * (WarmUp + Messages) / perSecond), detail: false, ct);
        }

        var lifted = new DiscordEmulatorOptions { BucketLimit = 1_000_000, GlobalLimit = 1_000_000 };
        await using (var session = await DiscordBenchSession.StartAsync(lifted, Channels, ct))
        {
            await MatrixToDiscordAsync(session, "discord_m2d_unlimited", Timeout, detail: true, ct);
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
    /// <see cref="SendWorkers"/> workers send the messages, each one <c>PUT /send</c> after another, message
    /// <c>seq</c> by the sender of portal <c>seq % Channels</c>, while the emulator's world is watched for the webhook
    /// messages.
    /// </summary>
    /// <remarks>
    /// Under the rate limits a message's latency is only its place in the queue divided by the limit, so
    /// <paramref name="detail"/> is false there; with it, latency and the senders' own rate (the ceiling the load
    /// generator sets) are printed as well.
    /// </remarks>
    private static async Task MatrixToDiscordAsync(DiscordBenchSession session, string name, TimeSpan timeout, bool detail, CancellationToken ct)
    {
        foreach (var (tag, count) in new[] { ("mw", WarmUp), ("m2d", Messages) })
        {
            var run = new LatencyRun(tag, count, toIrc: true);
            var limitedBefore = session.Emulator.RateLimitedCount;
            var arrivals = ArrivalsAsync(session, run, name, timeout);
            var next = -1;
            var started = Stopwatch.GetTimestamp();
            var sends = Enumerable.Range(0, SendWorkers).Select(_ => SendAsync(session, run, () => Interlocked.Increment(ref next), ct)).ToArray();
            var failures = 0;
            var sent = TimeSpan.Zero;
            var allSent = Task.Run(async () =>
            {
                failures = (await Task.WhenAll(sends)).Sum();
                sent = Stopwatch.GetElapsedTime(started);
            }, CancellationToken.None);
            await arrivals;
            await allSent;
            if (failures > 0)
            {
                await Console.Error.WriteLineAsync($"{name}: {failures} of {count} sends failed.");
            }

            if (tag == "m2d")
            {
                run.Print(name, "messages_per_second", detail);
                if (detail)
                {
                    Figure.Print(name + "_send_messages_per_second", count / sent.TotalSeconds, "msg/s");
                }

                // The bridge waits out buckets from the rate-limit headers, so 429s should stay near zero.
                Figure.Print(name + "_429_responses", session.Emulator.RateLimitedCount - limitedBefore, "responses");
            }
        }
    }

    private static async Task<int> SendAsync(DiscordBenchSession session, LatencyRun run, Func<int> nextSeq, CancellationToken ct)
    {
        var failures = 0;
        for (var seq = nextSeq(); seq < run.Count; seq = nextSeq())
        {
            var i = seq % session.Channels.Length;
            try
            {
                await session.Matrix.SendTextAsync(session.Senders[i], session.Rooms[i], run.Text(seq), ct);
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
