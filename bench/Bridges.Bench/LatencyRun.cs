using System.Diagnostics;
using System.Globalization;

namespace Bridges.Bench;

/// <summary>
/// One measured run of relayed messages. Each text is <c>&lt;tag&gt; &lt;seq&gt; &lt;send timestamp&gt;</c>, so the far
/// side needs nothing but the text to compute the latency; <see cref="Stopwatch"/> timestamps are comparable because
/// every side lives in this process.
/// </summary>
internal sealed class LatencyRun(string tag, int count, bool toIrc)
{
    private readonly long[] _sent = new long[count];
    private readonly long[] _arrived = new long[count];
    private readonly long[] _hostReceived = new long[count];
    private long _firstSend = long.MaxValue;
    private long _lastArrival;
    private int _arrivedCount;
    private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Tag => tag;

    /// <summary>True for Matrix→IRC (far side: the raw IRC clients), false for IRC→Matrix (far side: the Matrix watcher).</summary>
    public bool ToIrc => toIrc;

    public int Count => count;

    public int ArrivedCount => Volatile.Read(ref _arrivedCount);

    /// <summary>The text of message <paramref name="seq"/>, stamped now.</summary>
    public string Text(int seq)
    {
        var now = Stopwatch.GetTimestamp();
        InterlockedMin(ref _firstSend, now);
        return string.Create(CultureInfo.InvariantCulture, $"{tag} {seq} {now}");
    }

    /// <summary>A text reached the far side at <paramref name="timestamp"/> (texts of other runs are ignored).</summary>
    public void Arrived(string text, long timestamp)
    {
        if (Parse(text) is not { } parsed || Interlocked.CompareExchange(ref _arrived[parsed.Seq], timestamp, 0) != 0)
        {
            return;
        }

        var (seq, sent) = parsed;
        _sent[seq] = sent;
        InterlockedMax(ref _lastArrival, timestamp);
        if (Interlocked.Increment(ref _arrivedCount) == count)
        {
            _all.TrySetResult();
        }
    }

    /// <summary>The appservice received the text from the homeserver at <paramref name="timestamp"/>.</summary>
    public void ReceivedByHost(string text, long timestamp)
    {
        if (Parse(text) is { } parsed)
        {
            Interlocked.CompareExchange(ref _hostReceived[parsed.Seq], timestamp, 0);
        }
    }

    /// <summary>Waits for every message, up to <paramref name="timeout"/>; false (with a note on stderr) when some are missing.</summary>
    public async Task<bool> WaitAllAsync(TimeSpan timeout, CancellationToken ct)
    {
        try
        {
            await _all.Task.WaitAsync(timeout, ct);
            return true;
        }
        catch (TimeoutException)
        {
            await Console.Error.WriteLineAsync($"{tag}: only {ArrivedCount} of {count} messages arrived within {timeout.TotalSeconds:0} s; figures cover those. Missing: {Truncate(Missing(), 400)}");
            return false;
        }
    }

    /// <summary>The sequence numbers that have not arrived, as ranges (<c>3, 7-9</c>), for a timeout's note.</summary>
    public string Missing()
    {
        var ranges = new List<string>();
        for (var i = 0; i < count; i++)
        {
            if (Volatile.Read(ref _arrived[i]) != 0)
            {
                continue;
            }

            var end = i;
            while (end + 1 < count && Volatile.Read(ref _arrived[end + 1]) == 0)
            {
                end++;
            }

            ranges.Add(end == i ? i.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{i}-{end}"));
            i = end;
        }

        return string.Join(", ", ranges);
    }

    /// <summary>
    /// Prints throughput and, unless <paramref name="latency"/> is false, latency percentiles (and the host's share when
    /// the appservice side was stamped).
    /// </summary>
    public void Print(string name, string throughput = "throughput", bool latency = true)
    {
        var latencies = Latencies(i => _sent[i]);
        if (latencies.Count == 0)
        {
            Console.Error.WriteLine($"{name}: no message arrived; no figures.");
            return;
        }

        Figure.Print($"{name}_{throughput}", ArrivedCount / Stopwatch.GetElapsedTime(_firstSend, _lastArrival).TotalSeconds, "msg/s");
        if (!latency)
        {
            return;
        }

        Figure.Print(name + "_p50_ms", Percentile(latencies, 0.50), "ms");
        Figure.Print(name + "_p99_ms", Percentile(latencies, 0.99), "ms");
        Figure.Print(name + "_max_ms", latencies[^1], "ms");
        var host = Latencies(i => _hostReceived[i]);
        if (host.Count > 0)
        {
            Figure.Print(name + "_host_p50_ms", Percentile(host, 0.50), "ms");
            Figure.Print(name + "_host_p99_ms", Percentile(host, 0.99), "ms");
            Figure.Print(name + "_host_max_ms", host[^1], "ms");
        }
    }

    private List<double> Latencies(Func<int, long> from)
    {
        var list = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            if (_arrived[i] != 0 && from(i) != 0)
            {
                list.Add(Stopwatch.GetElapsedTime(from(i), _arrived[i]).TotalMilliseconds);
            }
        }

        list.Sort();
        return list;
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length] + " …";

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private (int Seq, long Sent)? Parse(string text)
    {
        var parts = text.Split(' ');
        return parts.Length == 3 && parts[0] == tag && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var seq) && seq >= 0 && seq < count
            && long.TryParse(parts[2], CultureInfo.InvariantCulture, out var sent) ? (seq, sent) : null;
    }

    private static void InterlockedMin(ref long target, long value)
    {
        for (var current = Volatile.Read(ref target); value < current; current = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, current) == current)
            {
                return;
            }
        }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        for (var current = Volatile.Read(ref target); value > current; current = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, current) == current)
            {
                return;
            }
        }
    }
}
