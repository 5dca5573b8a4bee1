using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Bridges.Core.Metrics;

/// <summary>
/// The bridge's instruments on the <c>Bridges</c> meter (System.Diagnostics.Metrics), so any exporter can read
/// them; the host publishes them on <c>/metrics</c> for Prometheus.
/// </summary>
public static class BridgeMetrics
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "Bridges";

    private static readonly Meter Meter = new(MeterName);
    private static readonly ConcurrentDictionary<string, Func<long>> QueueDepths = new();
    private static readonly ConcurrentDictionary<string, Func<long>> Connections = new();

    private static readonly Counter<long> Bridged = Meter.CreateCounter<long>("events.bridged", description: "Events bridged, by network, direction and kind.");
    private static readonly Counter<long> Failed = Meter.CreateCounter<long>("events.failed", description: "Events that could not be bridged, by network and direction.");
    private static readonly Histogram<double> Latency = Meter.CreateHistogram<double>("relay.latency", unit: "s", description: "Time from receipt to delivery on the other side.");

    static BridgeMetrics()
    {
        Meter.CreateObservableGauge("portal.queue.depth", () => QueueDepths.Select(kv => new Measurement<long>(kv.Value(), new KeyValuePair<string, object?>("network", kv.Key))),
            description: "Events waiting in portal queues.");
        Meter.CreateObservableGauge("remote.connections", () => Connections.Select(kv => new Measurement<long>(kv.Value(), new KeyValuePair<string, object?>("network", kv.Key))),
            description: "Connected remote clients (logins and relays).");
    }

    /// <summary>Direction label: remote network to Matrix.</summary>
    public const string ToMatrix = "to_matrix";

    /// <summary>Direction label: Matrix to the remote network.</summary>
    public const string ToRemote = "to_remote";

    /// <summary>Counts a bridged event and its latency since <paramref name="startedAt"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public static void RecordBridged(string network, string direction, string kind, long startedAt)
    {
        var tags = new TagList { { "network", network }, { "direction", direction } };
        Latency.Record(Stopwatch.GetElapsedTime(startedAt).TotalSeconds, tags);
        tags.Add("kind", kind);
        Bridged.Add(1, tags);
    }

    /// <summary>Counts an event that could not be bridged.</summary>
    public static void RecordFailed(string network, string direction) =>
        Failed.Add(1, new TagList { { "network", network }, { "direction", direction } });

    /// <summary>Registers the callbacks that report a network's queue depth and connection count.</summary>
    public static void Observe(string network, Func<long> queueDepth, Func<long> connections)
    {
        QueueDepths[network] = queueDepth;
        Connections[network] = connections;
    }

    /// <summary>Stops reporting a network.</summary>
    public static void Forget(string network)
    {
        QueueDepths.TryRemove(network, out _);
        Connections.TryRemove(network, out _);
    }
}
