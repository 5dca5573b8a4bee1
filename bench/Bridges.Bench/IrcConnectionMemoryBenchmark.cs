using Bridges.Irc.Client;

namespace Bridges.Bench;

/// <summary>
/// Figure 3, the connection layer alone: resident set and managed heap added by N of the bridge's own
/// <see cref="IrcConnection"/>s (puppet settings: no member tracking), each connected and joined to one of 100
/// channels, with no host, homeserver or Matrix state beside them.
/// </summary>
internal static class IrcConnectionMemoryBenchmark
{
    private const int ChannelCount = 100;

    public static async Task RunAsync(int count, CancellationToken ct)
    {
        var channels = Enumerable.Range(0, ChannelCount).Select(i => "#" + IrcBenchEnv.Unique($"bconn{i}x")).ToArray();
        var connections = new IrcConnection?[count];
        var before = ProcessMemory.Measure();
        try
        {
            // InspIRCd answers each registration after about 1 s; many at once keep that from adding up.
            await IrcBenchEnv.ForEachAsync(Enumerable.Range(0, count), 200, async (i, token) =>
            {
                try
                {
                    var connection = await IrcBenchEnv.ConnectAsync(IrcBenchEnv.Options(IrcBenchEnv.Unique("bc"), trackMembers: false), token);
                    connections[i] = connection;
                    await connection.JoinAsync(channels[i % ChannelCount], null, token);
                }
                catch (Exception e) when (e is IrcConnectionException or IrcCommandException or TimeoutException or IOException)
                {
                    await Console.Error.WriteLineAsync($"Connection {i} failed: {e.Message}");
                }
            }, ct);
            var after = ProcessMemory.Measure();
            var connected = connections.Count(c => c?.IsConnected == true);
            Figure.Print("irc_connection_layer_rss_per_connection_kb", (after.Resident - before.Resident) / 1024.0 / Math.Max(1, connected), "KB");
            Figure.Print("irc_connection_layer_heap_per_connection_kb", (after.Managed - before.Managed) / 1024.0 / Math.Max(1, connected), "KB");
            if (connected < count)
            {
                await Console.Error.WriteLineAsync($"Only {connected} of {count} connections were up; the per-connection figures use that count.");
            }
        }
        finally
        {
            await IrcBenchEnv.ForEachAsync(connections.OfType<IrcConnection>(), 50, async (c, _) => await c.DisposeAsync(), CancellationToken.None);
        }
    }
}
