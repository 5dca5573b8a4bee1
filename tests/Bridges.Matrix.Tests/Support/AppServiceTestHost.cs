using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Bridges.Matrix.AppService;
using Bridges.Matrix.Registration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bridges.Matrix.Tests.Support;

/// <summary>
/// The appservice endpoint over real Kestrel on 127.0.0.1: <see cref="AppServiceApi"/> mapped, with a
/// <see cref="RecordingTransactionSink"/> behind it.
/// </summary>
internal sealed class AppServiceTestHost : IAsyncDisposable
{
    public const string HsToken = "hs-token-for-tests";
    public const string ServerName = "example.org";

    private readonly WebApplication _app;

    private AppServiceTestHost(WebApplication app, AppServiceApi api, RecordingTransactionSink sink, Uri baseAddress)
    {
        _app = app;
        Api = api;
        Sink = sink;
        Http = new HttpClient { BaseAddress = baseAddress };
    }

    public AppServiceApi Api { get; }

    public RecordingTransactionSink Sink { get; }

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

    public static async Task<AppServiceTestHost> StartAsync()
    {
        var sink = new RecordingTransactionSink();
        var api = new AppServiceApi(Registration(), sink, null, TimeProvider.System, NullLogger<AppServiceApi>.Instance);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        api.Map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new AppServiceTestHost(app, api, sink, new Uri(address));
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

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
