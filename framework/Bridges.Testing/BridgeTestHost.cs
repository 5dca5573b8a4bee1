using System.Net;
using System.Net.Sockets;
using Bridges.Core.Plugins;
using Bridges.Hosting;
using Bridges.Hosting.Runtime;
using Bridges.Matrix.Client;
using Bridges.Matrix.Registration;
using Bridges.Testing.Homeserver;
using AppServiceRegistration = Bridges.Matrix.Registration.AppServiceRegistration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bridges.Testing;

/// <summary>
/// Runs a bridge end to end for a test: the in-process test homeserver (or the real one named by
/// <see cref="TestEnvironment"/>), the bridge host on a fresh SQLite file, and helpers for Matrix test users.
/// </summary>
public sealed class BridgeTestHost : IAsyncDisposable
{
    private readonly NetworkPlugin _plugin;
    private readonly Dictionary<string, string?> _config;
    private readonly ILoggerFactory _loggers;
    private readonly List<MatrixTestUser> _users = [];

    // Against a real homeserver every host listens on the one port its registration names: one host at a time.
    private static readonly SemaphoreSlim RealHomeserverGate = new(1, 1);
    private bool _holdsGate;

    private BridgeTestHost(NetworkPlugin plugin, Dictionary<string, string?> config, AppServiceRegistration registration, TestHomeserver? homeserver,
        Uri homeserverUrl, string serverName, string databasePath, ILoggerFactory loggers)
    {
        _plugin = plugin;
        _config = config;
        Registration = registration;
        Homeserver = homeserver;
        HomeserverUrl = homeserverUrl;
        ServerName = serverName;
        DatabasePath = databasePath;
        _loggers = loggers;
    }

    /// <summary>The in-process homeserver, or null against a real one.</summary>
    public TestHomeserver? Homeserver { get; }

    /// <summary>The homeserver URL.</summary>
    public Uri HomeserverUrl { get; }

    /// <summary>The server name of user ids.</summary>
    public string ServerName { get; }

    /// <summary>The bridge's registration.</summary>
    public AppServiceRegistration Registration { get; }

    /// <summary>The host's configuration keys; a change takes effect at the next <see cref="RestartAsync"/>.</summary>
    public IDictionary<string, string?> Configuration => _config;

    /// <summary>The SQLite file the host uses (kept across <see cref="RestartAsync"/>).</summary>
    public string DatabasePath { get; }

    /// <summary>The running host (replaced by a restart).</summary>
    public BridgesApplication App { get; private set; } = null!;

    /// <summary>The running bridge.</summary>
    public RunningBridge Bridge => App.Bridges[0];

    /// <summary>Starts the homeserver (unless a real one is configured) and the bridge.</summary>
    /// <param name="plugin">The network plugin under test.</param>
    /// <param name="configure">Adds config keys (e.g. <c>bridges:echo:relay:texttemplate</c>).</param>
    /// <param name="loggers">Loggers; none by default.</param>
    /// <param name="ct">Cancellation.</param>
    public static Task<BridgeTestHost> StartAsync(NetworkPlugin plugin, Action<IDictionary<string, string?>>? configure = null, ILoggerFactory? loggers = null, CancellationToken ct = default) =>
        StartAsync(plugin, configure is null ? null : (config, _) => configure(config), loggers, ct);

    /// <summary>Starts the homeserver (unless a real one is configured) and the bridge.</summary>
    /// <param name="plugin">The network plugin under test.</param>
    /// <param name="configure">Adds config keys and may use the bridge's registration, e.g. its <c>as_token</c> for double puppeting.</param>
    /// <param name="loggers">Loggers; none by default.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<BridgeTestHost> StartAsync(NetworkPlugin plugin, Action<IDictionary<string, string?>, AppServiceRegistration>? configure, ILoggerFactory? loggers = null, CancellationToken ct = default)
    {
        // BRIDGES_TEST_LOG=1 shows the host's logs on the console when debugging a test.
        loggers ??= Environment.GetEnvironmentVariable("BRIDGES_TEST_LOG") == "1"
            ? LoggerFactory.Create(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Debug))
            : NullLoggerFactory.Instance;
        var databasePath = Path.Combine(Path.GetTempPath(), $"bridges-test-{Guid.NewGuid():N}.db");
        AppServiceRegistration registration;
        TestHomeserver? homeserver = null;
        Uri homeserverUrl;
        string serverName;
        int port;
        var holdsGate = false;
        if (TestEnvironment.UsesRealHomeserver)
        {
            await RealHomeserverGate.WaitAsync(ct).ConfigureAwait(false);
            holdsGate = true;
            try
            {
                registration = await RegistrationYaml.LoadAsync(TestEnvironment.RegistrationPath!, ct).ConfigureAwait(false);
                homeserverUrl = new Uri(TestEnvironment.HomeserverUrl!.TrimEnd('/') + "/");
                port = new Uri(registration.Url ?? throw new InvalidOperationException("The test registration has no url.")).Port;
                using var http = new HttpClient();
                var client = new MatrixClient(http, homeserverUrl, registration.AsToken, new MatrixClientOptions(), TimeProvider.System, loggers.CreateLogger<MatrixClient>());
                serverName = (await client.WhoAmIAsync(null, ct).ConfigureAwait(false)).Server;
            }
            catch
            {
                RealHomeserverGate.Release();
                throw;
            }
        }
        else
        {
            port = FreePort();
            serverName = "localhost";
            registration = RegistrationFactory.Create(plugin.Name, serverName, $"http://127.0.0.1:{port}", new BridgeInstanceOptions(), [TestEnvironment.TestUserRegex(serverName)]);
            var options = new TestHomeserverOptions { ServerName = serverName };
            options.AppServices.Add(AppServiceRegistrationFile.Parse(RegistrationYaml.Serialize(registration)));
            homeserver = await TestHomeserver.StartAsync(options, ct).ConfigureAwait(false);
            homeserverUrl = homeserver.BaseUrl;
        }

        var config = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["homeserver:url"] = homeserverUrl.ToString(),
            ["homeserver:servername"] = serverName,
            ["appservice:address"] = "127.0.0.1",
            ["appservice:port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["metrics:port"] = "0",
            ["storage:backend"] = "sqlite",
            ["storage:connectionstring"] = databasePath,
            [$"bridges:{plugin.Name}:enabled"] = "true",
        };
        configure?.Invoke(config, registration);
        var host = new BridgeTestHost(plugin, config, registration, homeserver, homeserverUrl, serverName, databasePath, loggers) { _holdsGate = holdsGate };
        try
        {
            await host.StartAppAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return host;
    }

    /// <summary>
    /// Creates a human test user in the non-exclusive <c>e2e_</c> namespace through the appservice and logs it in
    /// with <c>m.login.application_service</c>, which works on any homeserver.
    /// </summary>
    public async Task<MatrixTestUser> CreateUserAsync(string name, CancellationToken ct = default)
    {
        var user = await MatrixTestUser.CreateAsync(Bridge.Bridge.Intents.Client, HomeserverUrl, ServerName, name, ct).ConfigureAwait(false);
        _users.Add(user);
        return user;
    }

    /// <summary>Stops the host cleanly (unless it was killed) and starts it again on the same database and registration.</summary>
    public async Task RestartAsync(CancellationToken ct = default)
    {
        await App.DisposeAsync().ConfigureAwait(false);
        await StartAppAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Kills the host abruptly (see <see cref="BridgesApplication.KillAsync"/>): nothing is drained or flushed and the
    /// network clients are dropped. <see cref="RestartAsync"/> then starts it again on the same database and port.
    /// </summary>
    public Task KillAsync() => App.KillAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var user in _users)
        {
            await user.DisposeAsync().ConfigureAwait(false);
        }

        if (App is not null)
        {
            await App.DisposeAsync().ConfigureAwait(false);
        }

        if (Homeserver is not null)
        {
            await Homeserver.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(DatabasePath + suffix);
        }

        if (_holdsGate)
        {
            _holdsGate = false;
            RealHomeserverGate.Release();
        }
    }

    private async Task StartAppAsync(CancellationToken ct)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_config).Build();
        App = await BridgesApplication.StartAsync(configuration, [_plugin], new Dictionary<string, AppServiceRegistration> { [_plugin.Name] = Registration },
            _loggers, TimeProvider.System, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// A free port below the kernel's ephemeral range (32768–60999): the registration needs the port before the host
    /// binds it, and a port from that range can be taken in between by any outgoing connection (it failed a CI run),
    /// as it can between a kill and the restart that binds it again.
    /// </summary>
    private static int FreePort()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(20000, 32000);
            try
            {
                using var probe = new TcpListener(IPAddress.Loopback, port);
                probe.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: draw another.
            }
        }

        throw new InvalidOperationException("No free port found in 20000–32000 on 127.0.0.1.");
    }
}
