using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Bridges.Core.Inbox;
using Bridges.Matrix.AppService;
using Bridges.Matrix.Registration;
using Bridges.Storage;
using Bridges.Storage.AppService;
using Bridges.Storage.Database;
using Bridges.Storage.Migrations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bridges.Core.Tests.Support;

/// <summary>
/// The appservice endpoint as a bridge runs it: real Kestrel on 127.0.0.1, <see cref="AppServiceApi"/> mapped,
/// <see cref="AppServiceEventDispatcher"/> as the sink over <see cref="SqlAppServiceInboxStore"/> on a SQLite file.
/// </summary>
internal sealed class InboxTestHost : IAsyncDisposable
{
    public const string HsToken = "hs-token-for-tests";
    public const string ServerName = "example.org";

    private readonly WebApplication _app;
    private readonly BridgesDatabase _db;
    private bool _dispatcherStopped;

    private InboxTestHost(WebApplication app, BridgesDatabase db, AppServiceApi api, AppServiceEventDispatcher dispatcher, RecordingEventHandler handler, Uri baseAddress)
    {
        _app = app;
        _db = db;
        Api = api;
        Dispatcher = dispatcher;
        Handler = handler;
        Http = new HttpClient { BaseAddress = baseAddress };
    }

    public AppServiceApi Api { get; }

    public AppServiceEventDispatcher Dispatcher { get; }

    public RecordingEventHandler Handler { get; }

    /// <summary>A client whose base address is the appservice endpoint; no token is attached by default.</summary>
    public HttpClient Http { get; }

    public static AppServiceRegistration Registration() => new()
    {
        Id = "test",
        Url = "http://127.0.0.1",
        AsToken = "as-token-for-tests",
        HsToken = HsToken,
        SenderLocalpart = "bridgebot",
        Namespaces = new RegistrationNamespaces
        {
            Users = [new RegistrationNamespace { Exclusive = true, Regex = "@ghost_.*:example\\.org" }],
            Aliases = [new RegistrationNamespace { Exclusive = true, Regex = "#ghost_.*:example\\.org" }],
        },
    };

    /// <param name="databasePath">The SQLite file; reuse it to simulate a restart.</param>
    /// <param name="handler">The recording handler (a fresh one when null).</param>
    /// <param name="dispatcherTime">The dispatcher's clock; a <c>FakeTimeProvider</c> that never advances keeps the done-flush from running.</param>
    public static async Task<InboxTestHost> StartAsync(string databasePath, RecordingEventHandler? handler = null, TimeProvider? dispatcherTime = null)
    {
        handler ??= new RecordingEventHandler();
        var db = BridgesDatabase.Create(new StorageOptions { Backend = "sqlite", ConnectionString = databasePath });
        await new MigrationRunner(db, NullLogger<MigrationRunner>.Instance).ApplyAsync([StorageMigrations.Framework], CancellationToken.None);

        var store = new SqlAppServiceInboxStore(db, "test", TimeProvider.System);
        var dispatcher = new AppServiceEventDispatcher(store, handler, new AppServiceDispatcherOptions(), dispatcherTime ?? TimeProvider.System,
            NullLogger<AppServiceEventDispatcher>.Instance);
        var api = new AppServiceApi(Registration(), dispatcher, null, TimeProvider.System, NullLogger<AppServiceApi>.Instance);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        api.Map(app);

        // The dispatcher is started and stopped by the test, not the web host, so a test can "crash" it.
        await dispatcher.StartAsync(CancellationToken.None);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new InboxTestHost(app, db, api, dispatcher, handler, new Uri(address));
    }

    public Task<HttpResponseMessage> PutTransactionAsync(string txnId, JsonObject body, string path = "/_matrix/app/v1/transactions/") =>
        SendAsync(HttpMethod.Put, path + Uri.EscapeDataString(txnId), body.ToJsonString());

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body, string? token = HsToken)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return Http.SendAsync(request);
    }

    /// <summary>Stops HTTP and the dispatcher cleanly (the dispatcher flushes its done marks).</summary>
    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (!_dispatcherStopped)
        {
            await Dispatcher.StopAsync(CancellationToken.None);
        }

        Dispatcher.Dispose();
        await _db.DisposeAsync();
    }

    /// <summary>
    /// Simulates a crash: the endpoint goes away and the dispatcher's in-memory state (its queue of events handled
    /// but not yet marked done) never reaches the database. The dispatcher is stopped only by <see cref="DisposeAsync"/>.
    /// </summary>
    public async Task CrashHttpAsync()
    {
        await _app.StopAsync();
    }

    public async Task StopDispatcherAsync()
    {
        _dispatcherStopped = true;
        await Dispatcher.StopAsync(CancellationToken.None);
    }
}
