using System.Net;
using Bridges.Testing.Homeserver.Endpoints;
using Bridges.Testing.Homeserver.Http;
using Bridges.Testing.Homeserver.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bridges.Testing.Homeserver;

/// <summary>
/// An in-process Matrix homeserver over real HTTP (Kestrel on 127.0.0.1) for end-to-end tests of clients and
/// appservices: the Client-Server API subset bridges use, appservice transactions and queries, all checked
/// against the Matrix spec. Every request that breaks the spec is answered with an error and recorded in
/// <see cref="Violations"/>; <see cref="DisposeAsync"/> throws if any were recorded (unless
/// <see cref="TestHomeserverOptions.FailOnSpecViolation"/> is false).
/// </summary>
public sealed class TestHomeserver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HomeserverContext _ctx;
    private readonly HttpClient _appServiceHttp;
    private readonly FailureInjector _injector;
    private readonly CancellationTokenSource _stopping;
    private int _disposed;

    private TestHomeserver(WebApplication app, HomeserverContext ctx, HttpClient appServiceHttp,
        FailureInjector injector, CancellationTokenSource stopping, Uri baseUrl)
    {
        _app = app;
        _ctx = ctx;
        _appServiceHttp = appServiceHttp;
        _injector = injector;
        _stopping = stopping;
        BaseUrl = baseUrl;
    }

    /// <summary>Where clients reach the homeserver, e.g. <c>http://127.0.0.1:43117</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The server name used in ids (<see cref="TestHomeserverOptions.ServerName"/>).</summary>
    public string ServerName => _ctx.ServerName;

    /// <summary>The spec violations seen so far.</summary>
    public IReadOnlyList<SpecViolation> Violations => _ctx.Violations.Snapshot();

    /// <summary>Every transaction push attempt so far, in order.</summary>
    public IReadOnlyList<AppServiceDelivery> AppServiceDeliveries => _ctx.AppServices.Deliveries;

    /// <summary>Transactions queued or in flight, over all appservices.</summary>
    public int PendingTransactionCount => _ctx.AppServices.PendingTransactionCount;

    /// <summary>Starts a homeserver; dispose it to stop.</summary>
    public static async Task<TestHomeserver> StartAsync(TestHomeserverOptions? options = null, CancellationToken ct = default)
    {
        options ??= new TestHomeserverOptions();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, QuietHostLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port);
            kestrel.AddServerHeader = false;
            // The dispatcher enforces MaxUploadBytes itself so it can answer M_TOO_LARGE.
            kestrel.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();

        var appServiceHttp = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var ctx = new HomeserverContext(options, appServiceHttp);
        lock (ctx.Gate)
        {
            foreach (var registration in options.AppServices)
            {
                ctx.AppServices.Add(registration);
            }
        }

        var router = new Router();
        var services = new HomeserverServices(ctx);
        new AccountEndpoints(services).Map(router);
        new MembershipEndpoints(services).Map(router);
        new RoomEventEndpoints(services).Map(router);
        new RoomStateEndpoints(services).Map(router);
        new DirectoryEndpoints(services).Map(router);
        new ProfileEndpoints(services).Map(router);
        new EphemeralEndpoints(services).Map(router);
        new SyncEndpoints(services).Map(router);
        new MediaEndpoints(services).Map(router);
        new AppServiceEndpoints(services).Map(router);

        var injector = new FailureInjector();
        var stopping = new CancellationTokenSource();
        var dispatcher = new RequestDispatcher(ctx, router, new Authenticator(ctx), injector, stopping.Token);
        app.Run(dispatcher.HandleAsync);
        await app.StartAsync(ct);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.First();
        return new TestHomeserver(app, ctx, appServiceHttp, injector, stopping, new Uri(address));
    }

    /// <summary>Registers another appservice at runtime (its bot user is created).</summary>
    public void AddAppService(AppServiceRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        lock (_ctx.Gate)
        {
            _ctx.AppServices.Add(registration);
        }
    }

    /// <summary>
    /// Test setup shortcut: creates a user and logs it in, without going through <c>/register</c>. The user must
    /// not be in an appservice's exclusive namespace.
    /// </summary>
    public TestUserCredentials RegisterUser(string localpart, string? password = null)
    {
        lock (_ctx.Gate)
        {
            var userId = _ctx.UserId(localpart);
            if (_ctx.Users.ContainsKey(userId))
            {
                throw new InvalidOperationException($"{userId} already exists");
            }

            _ctx.RegisterUser(userId, null).Password = password;
            var token = _ctx.IssueToken(userId, null);
            return new TestUserCredentials(userId, token.Token, token.DeviceId);
        }
    }

    /// <summary>
    /// Test-only failure injection: the next <paramref name="count"/> requests matching <paramref name="match"/> are
    /// answered with <paramref name="status"/> and <paramref name="errcode"/> instead of being handled. For 429 the
    /// body carries <c>retry_after_ms</c> and the response a <c>Retry-After</c> header (seconds, rounded up).
    /// </summary>
    public void InjectFailures(Func<HttpRequestInfo, bool> match, int count, int status, string errcode, int? retryAfterMs = null)
    {
        ArgumentNullException.ThrowIfNull(match);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        _injector.Add(match, count, status, errcode, retryAfterMs);
    }

    /// <summary>Completes when no transaction is queued or in flight; throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public Task WaitForAppServiceQueuesDrainedAsync(TimeSpan timeout, CancellationToken ct = default) =>
        _ctx.AppServices.WaitForIdleAsync(timeout, ct);

    /// <summary>Throws a <see cref="SpecViolationException"/> listing the violations seen, if any.</summary>
    public void AssertNoSpecViolations()
    {
        var violations = Violations;
        if (violations.Count > 0)
        {
            throw new SpecViolationException(violations);
        }
    }

    /// <summary>Stops the server and the appservice queues; then throws if spec violations were recorded.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        // Wall-clock guard on purpose: a fake TimeProvider in a test must not be able to hang shutdown.
        using (var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(stopTimeout.Token);
        }

        await _app.DisposeAsync();
        await _ctx.AppServices.DisposeAsync();
        _appServiceHttp.Dispose();
        _stopping.Dispose();
        if (_ctx.Options.FailOnSpecViolation)
        {
            AssertNoSpecViolations();
        }
    }
}
