using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Bridges.Irc.Client;
using Bridges.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bridges.Bench;

/// <summary>
/// The loopback IRC test server (<c>BRIDGES_TEST_IRC</c>, as the IRC tests use) and the bridge host pointed at it:
/// <see cref="BridgeTestHost"/> with the IRC plugin, so a real homeserver is used when the tests' variables name one.
/// </summary>
internal static class IrcBenchEnv
{
    public const string Network = "bench";

    public static (string Host, int Port) Endpoint
    {
        get
        {
            var value = Environment.GetEnvironmentVariable("BRIDGES_TEST_IRC") is { Length: > 0 } v ? v : "127.0.0.1:16667";
            var colon = value.LastIndexOf(':');
            return (value[..colon], int.Parse(value[(colon + 1)..], CultureInfo.InvariantCulture));
        }
    }

    /// <summary>A nick or channel suffix no earlier run uses.</summary>
    public static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    public static async Task<bool> IsReachableAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(Endpoint.Host, Endpoint.Port).WaitAsync(TimeSpan.FromSeconds(5));
            return true;
        }
        catch (Exception e) when (e is SocketException or TimeoutException)
        {
            return false;
        }
    }

    /// <summary>
    /// Starts the host with the IRC plugin. Flood control is loose (the 16667 port has no flood limits), so pacing
    /// does not hide the bridge's own cost; <paramref name="stagger"/> paces puppet reconnection after a start.
    /// </summary>
    public static Task<BridgeTestHost> StartHostAsync(TimeSpan stagger, Action<IDictionary<string, string?>>? configure = null, CancellationToken ct = default) =>
        BridgeTestHost.StartAsync(Irc.IrcNetwork.Plugin, config =>
        {
            var n = $"bridges:irc:networks:{Network}:";
            config["bridges:irc:permissions:admin:0"] = "localhost";
            config["bridges:irc:passwordkey"] = "a bench key that is long enough to derive from";
            config[n + "host"] = Endpoint.Host;
            config[n + "port"] = Endpoint.Port.ToString(CultureInfo.InvariantCulture);
            config[n + "tls"] = "false";
            config[n + "relaynick"] = Unique("brelay");
            config[n + "nickmaxlength"] = "30";
            config[n + "floodburst"] = "100";
            config[n + "floodinterval"] = "00:00:00.001";
            config[n + "connectstagger"] = stagger.ToString("c", CultureInfo.InvariantCulture);
            config[n + "reconnectmaxdelay"] = "00:00:02";
            // The bench opens its own channels (all named #b...) by alias; dynamic channels are off by default.
            config[n + "dynamicchannels:enabled"] = "true";
            config[n + "dynamicchannels:allow:0"] = "#b*";
            configure?.Invoke(config);
        }, ct: ct);

    /// <summary>Options of a raw IRC client of the bench (loose flood control like the bridge's).</summary>
    public static IrcConnectionOptions Options(string nick, bool trackMembers) => new()
    {
        Host = Endpoint.Host,
        Port = Endpoint.Port,
        UseTls = false,
        Nick = nick,
        UserName = "bench",
        RealName = "Bridges bench " + nick,
        TrackChannelMembers = trackMembers,
        FloodBurst = 100,
        FloodInterval = TimeSpan.FromMilliseconds(1),
        ReconnectMaxDelay = TimeSpan.FromSeconds(2),
        RequestTimeout = TimeSpan.FromSeconds(30),
        QuitTimeout = TimeSpan.FromSeconds(2),
    };

    public static async Task<IrcConnection> ConnectAsync(IrcConnectionOptions options, CancellationToken ct)
    {
        var connection = new IrcConnection(options, NullLogger<IrcConnection>.Instance, TimeProvider.System);
        try
        {
            await connection.ConnectAsync(ct).WaitAsync(TimeSpan.FromSeconds(60), ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Polls <paramref name="condition"/> until true or <paramref name="timeout"/>; false (and a note on stderr) on timeout.</summary>
    public static async Task<bool> UntilAsync(Func<bool> condition, string what, TimeSpan timeout, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                await Console.Error.WriteLineAsync($"Timed out after {timeout.TotalSeconds:0} s waiting for: {what}.");
                return false;
            }

            await Task.Delay(20, ct);
        }

        return true;
    }

    /// <summary>Runs <paramref name="work"/> for each item, at most <paramref name="parallel"/> at once.</summary>
    public static Task ForEachAsync<T>(IEnumerable<T> items, int parallel, Func<T, CancellationToken, ValueTask> work, CancellationToken ct) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = ct }, work);
}
