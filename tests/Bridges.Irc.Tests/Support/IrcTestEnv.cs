using System.Net.Sockets;
using Bridges.Irc.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bridges.Irc.Tests.Support;

/// <summary>
/// The loopback InspIRCd + Anope test server (testenv/up.sh). Endpoints come from the BRIDGES_TEST_* variables
/// with the documented defaults. A missing server fails the test with instructions instead of skipping it.
/// </summary>
internal static class IrcTestEnv
{
    public static (string Host, int Port) Plain => Endpoint("BRIDGES_TEST_IRC", "127.0.0.1:16667");

    public static (string Host, int Port) Tls => Endpoint("BRIDGES_TEST_IRC_TLS", "127.0.0.1:16697");

    public static (string Host, int Port) Strict => Endpoint("BRIDGES_TEST_IRC_STRICT", "127.0.0.1:16668");

    public static string CaFile =>
        Environment.GetEnvironmentVariable("BRIDGES_TEST_TLS_CA") is { Length: > 0 } ca ? ca : "/tmp/bridges-testenv/tls/cert.pem";

    public static readonly CancellationToken Ct = CancellationToken.None;

    /// <summary>A nick no other test (or earlier run) uses: prefix + random suffix, within NICKLEN=30.</summary>
    public static string UniqueNick(string prefix) =>
        (prefix.Length > 12 ? prefix[..12] : prefix) + Guid.NewGuid().ToString("N")[..8];

    public static string UniqueChannel(string prefix) => "#" + UniqueNick(prefix);

    public static async Task EnsureReachableAsync((string Host, int Port) endpoint)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(endpoint.Host, endpoint.Port).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException(
                $"The IRC test server is not reachable at {endpoint.Host}:{endpoint.Port} ({ex.Message}). " +
                "Start it with `bash testenv/up.sh` and `source /tmp/bridges-testenv/env.sh` (see testenv/README.md).", ex);
        }
    }

    public static IrcConnectionOptions Options(string nick, (string Host, int Port)? endpoint = null, bool trackMembers = true) => new()
    {
        Host = (endpoint ?? Plain).Host,
        Port = (endpoint ?? Plain).Port,
        UseTls = false,
        Nick = nick,
        UserName = "bt",
        RealName = "Bridges test " + nick,
        TrackChannelMembers = trackMembers,

        // Ports 16667/16697 have no flood limits; the strict-port test sets its own pacing.
        FloodBurst = 50,
        FloodInterval = TimeSpan.FromMilliseconds(5),
        ReconnectInitialDelay = TimeSpan.FromMilliseconds(200),
        ReconnectMaxDelay = TimeSpan.FromSeconds(2),
        RequestTimeout = TimeSpan.FromSeconds(20),
        QuitTimeout = TimeSpan.FromSeconds(2),
    };

    public static async Task<IrcConnection> ConnectAsync(IrcConnectionOptions options, ILogger<IrcConnection>? logger = null)
    {
        await EnsureReachableAsync((options.Host, options.Port));
        var conn = new IrcConnection(options, logger ?? NullLogger<IrcConnection>.Instance, TimeProvider.System);
        try
        {
            await conn.ConnectAsync(Ct).WaitAsync(TimeSpan.FromSeconds(30));
            return conn;
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
    }

    private static (string, int) Endpoint(string variable, string fallback)
    {
        var value = Environment.GetEnvironmentVariable(variable) is { Length: > 0 } v ? v : fallback;
        var colon = value.LastIndexOf(':');
        return (value[..colon], int.Parse(value[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }
}
