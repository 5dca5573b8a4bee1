using Bridges.Core.Bridge;
using Bridges.Core.Inbox;
using Bridges.Core.Plugins;
using Bridges.Core.Provisioning;
using Bridges.Matrix.AppService;
using Bridges.Matrix.Client;
using Bridges.Matrix.Registration;
using Bridges.Storage;
using Bridges.Storage.AppService;
using Bridges.Storage.Bridge;
using Bridges.Storage.Database;
using Bridges.Storage.Migrations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace Bridges.Hosting.Runtime;

/// <summary>
/// The running host: one Kestrel listener and one store shared by every enabled bridge, each bridge with its
/// own registration, tokens and path prefix. Run it in a generic host with <c>services.AddBridges(configuration)</c>
/// (<see cref="BridgesHostedService"/>), or start it with <see cref="StartAsync(Microsoft.Extensions.Configuration.IConfiguration, IReadOnlyList{NetworkPlugin}, IReadOnlyDictionary{string, AppServiceRegistration}, ILoggerFactory, TimeProvider, CancellationToken)"/>;
/// stop by disposing.
/// </summary>
public sealed class BridgesApplication : IAsyncDisposable
{
    private readonly WebApplication _web;
    private readonly BridgesDatabase _db;
    private readonly HttpClient _http;
    private readonly List<RunningBridge> _bridges;
    private readonly ShutdownOptions _shutdown;
    private volatile bool _ready;
    private int _stopped;

    private BridgesApplication(WebApplication web, BridgesDatabase db, HttpClient http, List<RunningBridge> bridges, Uri listenUrl, Uri? metricsUrl, ShutdownOptions shutdown)
    {
        MetricsUrl = metricsUrl;
        _shutdown = shutdown;
        _web = web;
        _db = db;
        _http = http;
        _bridges = bridges;
        ListenUrl = listenUrl;
    }

    /// <summary>Where the host listens.</summary>
    public Uri ListenUrl { get; }

    /// <summary>Where <c>/metrics</c> is served (its own listener unless configured onto the main one); null when disabled.</summary>
    public Uri? MetricsUrl { get; private set; }

    /// <summary>The running bridges.</summary>
    public IReadOnlyList<RunningBridge> Bridges => _bridges;

    /// <summary>The shared database.</summary>
    public BridgesDatabase Database => _db;

    /// <summary>
    /// Builds and starts everything: migrations, the listener, each enabled bridge (its registration is loaded,
    /// or generated and saved when its file is missing), then connects the plugins. The options are bound and validated
    /// as <c>services.AddBridges(configuration)</c> does; a bad value throws <see cref="Microsoft.Extensions.Options.OptionsValidationException"/>
    /// naming its key. In a generic host use <c>AddBridges</c> instead, which runs this through <see cref="BridgesHostedService"/>.
    /// </summary>
    /// <param name="configuration">The whole configuration.</param>
    /// <param name="plugins">The plugins this host knows.</param>
    /// <param name="registrations">Registrations to use instead of files (tests), by network.</param>
    /// <param name="loggerFactory">Loggers.</param>
    /// <param name="time">The clock.</param>
    /// <param name="ct">Cancellation.</param>
    public static Task<BridgesApplication> StartAsync(IConfiguration configuration, IReadOnlyList<NetworkPlugin> plugins,
        IReadOnlyDictionary<string, AppServiceRegistration>? registrations, ILoggerFactory loggerFactory, TimeProvider time, CancellationToken ct)
    {
        var settings = BridgesSettings.Compose(configuration, plugins);
        if (registrations is not null)
        {
            settings = settings with { Registrations = registrations };
        }

        return StartAsync(settings, loggerFactory, time, ct);
    }

    internal static async Task<BridgesApplication> StartAsync(BridgesSettings settings, ILoggerFactory loggerFactory, TimeProvider time, CancellationToken ct)
    {
        var homeserver = settings.Homeserver;
        var listener = settings.Listener;
        var storage = settings.Storage;
        if (string.IsNullOrWhiteSpace(homeserver.Url))
        {
            throw new InvalidOperationException("homeserver.url is not set.");
        }

        var db = BridgesDatabase.Create(storage);
        var sources = new List<Core.Storage.IMigrationSource> { StorageMigrations.Framework };
        sources.AddRange(settings.Plugins.Select(p => p.Migrations).OfType<Core.Storage.IMigrationSource>());
        await new MigrationRunner(db, loggerFactory.CreateLogger<MigrationRunner>()).ApplyAsync(sources, ct).ConfigureAwait(false);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // ASP.NET's request logging prints full URLs, and homeservers may send the hs_token as a query parameter:
        // below warnings, nothing of ASP.NET reaches the host's logs.
        builder.Logging.AddProvider(new ForwardingLoggerProvider(loggerFactory));
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        // Port 0 is resolved up front: registrations need the real URL before endpoints are mapped and the server starts.
        var port = listener.Port == 0 ? FreePort(listener.Address) : listener.Port;
        var metrics = settings.Metrics;
        // Port 0 for metrics is left to Kestrel (read back once bound): probing a free port and binding it later
        // races other hosts on the machine.
        var metricsShared = metrics.Address == listener.Address && metrics.Port == port;
        builder.WebHost.UseUrls(metrics.Enabled && !metricsShared
            ? [$"http://{listener.Address}:{port}", $"http://{metrics.Address}:{metrics.Port}"]
            : [$"http://{listener.Address}:{port}"]);
        var web = builder.Build();
        var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), MaxConnectionsPerServer = 64 }) { Timeout = TimeSpan.FromSeconds(90) };
        var bridges = new List<RunningBridge>();
        BridgesApplication? app = null;
        if (metrics.Enabled)
        {
            if (!metricsShared)
            {
                // Each listener serves only its own routes: no metrics on the public one, nothing else on the metrics one.
                web.Use(async (context, next) =>
                {
                    if ((context.Connection.LocalPort != port) != context.Request.Path.StartsWithSegments("/metrics"))
                    {
                        context.Response.StatusCode = StatusCodes.Status404NotFound;
                        return;
                    }

                    await next(context).ConfigureAwait(false);
                });
            }

            web.MapMetrics("/metrics");
        }

        web.MapGet("/health/live", () => Results.Ok(new Dictionary<string, string> { ["status"] = "live" }));
        web.MapGet("/health/ready", async (CancellationToken token) => app is { _ready: true } && await app.HomeserverAnswersAsync(homeserver.Url, token).ConfigureAwait(false)
            ? Results.Ok(new Dictionary<string, string> { ["status"] = "ready" })
            : Results.StatusCode(503));
        var bound = new Uri($"http://{listener.Address}:{port}/");
        var publicUrl = (listener.PublicUrl ?? bound.ToString()).TrimEnd('/');
        var metricsUrl = !metrics.Enabled ? null : metricsShared ? bound : new Uri($"http://{metrics.Address}:{metrics.Port}/");
        app = new BridgesApplication(web, db, http, bridges, bound, metricsUrl, settings.Shutdown);

        try
        {
            foreach (var (plugin, section, instance, options, provisioningOptions) in settings.Bridges)
            {
                var prefix = instance.PathPrefix ?? string.Empty;
                if (bridges.FirstOrDefault(b => b.PathPrefix == prefix) is { } clash)
                {
                    throw new InvalidOperationException($"Bridges {clash.Network} and {plugin.Name} share the path prefix \"{prefix}\" on one listener; give each its own path_prefix.");
                }

                var registration = settings.Registrations.GetValueOrDefault(plugin.Name) ?? await LoadOrCreateRegistrationAsync(plugin.Name, homeserver, publicUrl + prefix, instance, ct).ConfigureAwait(false);
                var clientOptions = new MatrixClientOptions();
                var intents = new AppServiceIntents(registration, homeserver.ServerName,
                    token => new MatrixClient(http, new Uri(homeserver.Url.TrimEnd('/') + "/"), token, clientOptions, time, loggerFactory.CreateLogger<MatrixClient>()), loggerFactory);
                var connector = plugin.CreateConnector(section, loggerFactory);
                var bridge = new NetworkBridge(connector, intents, new SqlBridgeStores(db, plugin.Name), options, loggerFactory, time);
                var inbox = new SqlAppServiceInboxStore(db, registration.Id, time);
                var dispatcher = new AppServiceEventDispatcher(inbox, bridge.MatrixEvents, new AppServiceDispatcherOptions(), time, loggerFactory.CreateLogger<AppServiceEventDispatcher>());
                var api = new AppServiceApi(registration, dispatcher, bridge.Queries, time, loggerFactory.CreateLogger<AppServiceApi>());
                var provisioning = new ProvisioningApi(bridge, provisioningOptions);
                bridges.Add(new RunningBridge(plugin.Name, registration, bridge, dispatcher, api, prefix, provisioning));
            }

            foreach (var running in bridges)
            {
                running.Api.Map(web, running.PathPrefix);
                running.Provisioning.Map(web, running.PathPrefix);
                running.Bridge.Media.Map(web, publicUrl + running.PathPrefix, running.PathPrefix);
                running.Bridge.Webhooks.Map(web, publicUrl + running.PathPrefix, running.PathPrefix);
            }

            await web.StartAsync(ct).ConfigureAwait(false);
            if (metrics.Enabled && !metricsShared && metrics.Port == 0)
            {
                app.MetricsUrl = new Uri(web.Urls.Select(u => new Uri(u)).First(u => u.Port != port).GetLeftPart(UriPartial.Authority) + "/");
            }
            foreach (var running in bridges)
            {
                // Logins connect before the inbox is dispatched: events left pending by a crash (or arriving during the
                // start) would otherwise find their senders "not logged in" and be refused for good.
                await running.Bridge.StartAsync(ct).ConfigureAwait(false);
                await running.Dispatcher.StartAsync(ct).ConfigureAwait(false);
            }

            app._ready = true;
            return app;
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        // Gracefully: no new transactions, dispatchers stop, portal queues drain within the shutdown timeout,
        // then remote connections close cleanly.
        _ready = false;
        using (var stopWeb = new CancellationTokenSource(_shutdown.Timeout))
        {
            await _web.StopAsync(stopWeb.Token).ConfigureAwait(false);
        }

        foreach (var running in _bridges)
        {
            await running.Dispatcher.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await Task.WhenAll(_bridges.Select(b => b.Bridge.StopAsync(_shutdown.Timeout))).ConfigureAwait(false);
        foreach (var running in _bridges)
        {
            running.Dispatcher.Dispose();
        }

        await _web.DisposeAsync().ConfigureAwait(false);
        _http.Dispose();
        await _db.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Stops at once, as close to a killed process as one process can get (crash tests): network clients are dropped
    /// without disconnecting and portal work is cancelled where it stands, outgoing homeserver requests are cancelled,
    /// the listener aborts open requests (the homeserver retries those transactions), the inbox pump stops without
    /// flushing what it finished, and the database is closed. A later <see cref="DisposeAsync"/> does nothing.
    /// </summary>
    public async Task KillAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        _ready = false;
        using var now = new CancellationTokenSource();
        await now.CancelAsync().ConfigureAwait(false);
        // Everything stops within a moment, in an order where no step can pass for a clean finish. First portal work
        // is cancelled and the network clients are dropped (started, not awaited: both take effect at once), so no
        // push is acknowledged to the network any more. Then the database closes: nothing more is committed, not even
        // the inbox's record of finished events, which a clean stop would flush. Then requests are cut both ways and
        // the inbox pumps stop.
        var aborting = _bridges.Select(b => b.Bridge.AbortAsync().AsTask()).ToList();
        await _db.DisposeAsync().ConfigureAwait(false);
        _http.CancelPendingRequests();
        _http.Dispose();
        await _web.StopAsync(now.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        foreach (var running in _bridges)
        {
            await running.Dispatcher.StopAsync(now.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await Task.WhenAll(aborting).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _web.DisposeAsync().ConfigureAwait(false);
    }

    private DateTimeOffset _homeserverSeenAt;

    private async Task<bool> HomeserverAnswersAsync(string url, CancellationToken ct)
    {
        // Ready means the homeserver answers too; a success is trusted for a few seconds so probes stay cheap.
        if (DateTimeOffset.UtcNow - _homeserverSeenAt < TimeSpan.FromSeconds(5))
        {
            return true;
        }

        try
        {
            using var response = await _http.GetAsync(new Uri(new Uri(url.TrimEnd('/') + "/"), "_matrix/client/versions"), ct).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                _homeserverSeenAt = DateTimeOffset.UtcNow;
                return true;
            }
        }
        catch (HttpRequestException)
        {
            // Not reachable: not ready.
        }

        return false;
    }

    private static int FreePort(string address)
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Parse(address), 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static async Task<AppServiceRegistration> LoadOrCreateRegistrationAsync(string network, HomeserverOptions homeserver, string url, BridgeInstanceOptions instance, CancellationToken ct)
    {
        if (instance.Registration is { } path && File.Exists(path))
        {
            return await RegistrationYaml.LoadAsync(path, ct).ConfigureAwait(false);
        }

        var registration = RegistrationFactory.Create(network, homeserver.ServerName, url, instance);
        if (instance.Registration is { } target)
        {
            await RegistrationYaml.SaveAsync(registration, target, ct).ConfigureAwait(false);
        }

        return registration;
    }
}
