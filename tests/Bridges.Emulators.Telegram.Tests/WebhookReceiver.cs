using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bridges.Emulators.Telegram.Tests;

/// <summary>A webhook endpoint for tests: records each POST and answers 500 to the first <c>failures</c> of them.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<(string? Secret, JsonElement Update, int Status)> _received = Channel.CreateUnbounded<(string?, JsonElement, int)>();
    private int _failuresLeft;

    private WebhookReceiver(WebApplication app, int failures)
    {
        _app = app;
        _failuresLeft = failures;
    }

    public Uri Url { get; private set; } = null!;

    public static async Task<WebhookReceiver> StartAsync(int failures = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, failures);
        app.MapPost("/hook", receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(address + "/hook");
        return receiver;
    }

    /// <summary>The next POST that arrived (whatever it was answered).</summary>
    public async Task<(string? Secret, JsonElement Update, int Status)> NextAsync() =>
        await _received.Reader.ReadAsync().AsTask().WaitAsync(TestSupport.Timeout);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var update = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body);
        var status = Interlocked.Decrement(ref _failuresLeft) >= 0 ? 500 : 200;
        context.Response.StatusCode = status;
        await _received.Writer.WriteAsync((context.Request.Headers["X-Telegram-Bot-Api-Secret-Token"].FirstOrDefault(), update, status));
    }
}
