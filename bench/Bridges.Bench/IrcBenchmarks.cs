using System.Globalization;

namespace Bridges.Bench;

/// <summary>
/// Figures 2 and 3 against the loopback IRC test server (<c>bash testenv/up.sh</c>); skipped with a note on stderr
/// when it is not reachable. <c>BRIDGES_BENCH_IRC_PUPPETS</c> lowers the 1,000 puppets and connections of figure 3.
/// </summary>
internal static class IrcBenchmarks
{
    public static async Task RunAsync(CancellationToken ct)
    {
        if (!await IrcBenchEnv.IsReachableAsync())
        {
            await Console.Error.WriteLineAsync($"IRC test server not reachable at {IrcBenchEnv.Endpoint.Host}:{IrcBenchEnv.Endpoint.Port} (bash testenv/up.sh); IRC figures skipped.");
            return;
        }

        var puppets = Environment.GetEnvironmentVariable("BRIDGES_BENCH_IRC_PUPPETS") is { Length: > 0 } n ? int.Parse(n, CultureInfo.InvariantCulture) : 1000;
        // Memory first: the resident set never shrinks back from the high-water mark of the relay runs.
        await IrcPuppetBenchmark.RunAsync(puppets, ct);
        await IrcConnectionMemoryBenchmark.RunAsync(puppets, ct);
        await IrcRelayBenchmark.RunAsync(ct);
    }
}
