using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bridges.Bench;

/// <summary>
/// A pass-through proxy on the appservice port the registration names, in front of the host (moved to another port),
/// that stamps when each bench text reaches the appservice side. Matrix→IRC latency minus that stamp is the host's
/// share without the homeserver (its <c>/send</c>, its appservice queue, its transaction push).
/// </summary>
internal sealed partial class AppServiceTap : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _forward;

    private AppServiceTap(WebApplication app, HttpClient forward)
    {
        _app = app;
        _forward = forward;
    }

    /// <summary>Called with each bench text in a transaction and the time the transaction arrived.</summary>
    public Action<string, long>? OnText { get; set; }

    /// <summary>Starts the tap on the port <paramref name="config"/> names and points the host at a free one.</summary>
    public static AppServiceTap Start(IDictionary<string, string?> config)
    {
        var port = int.Parse(config["appservice:port"]!, CultureInfo.InvariantCulture);
        var hostPort = FreePort();
        config["appservice:port"] = hostPort.ToString(CultureInfo.InvariantCulture);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var tap = new AppServiceTap(app, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{hostPort}/"), Timeout = TimeSpan.FromSeconds(100) });
        app.Run(tap.ForwardAsync);

        // Synchronous start: the host must find the tap listening as soon as the homeserver pushes.
        app.Start();
        return tap;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _forward.Dispose();
    }

    [GeneratedRegex("\"body\":\"([a-z0-9]+ [0-9]+ [0-9]+)\"")]
    private static partial Regex BenchBody();

    private async Task ForwardAsync(HttpContext context)
    {
        var arrived = Stopwatch.GetTimestamp();
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        if (OnText is { } onText && context.Request.Path.StartsWithSegments("/_matrix/app/v1/transactions", StringComparison.Ordinal))
        {
            foreach (Match match in BenchBody().Matches(Encoding.UTF8.GetString(body)))
            {
                onText(match.Groups[1].Value, arrived);
            }
        }

        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), RawTarget(context));
        if (body.Length > 0 || context.Request.ContentType is not null)
        {
            request.Content = new ByteArrayContent(body);
            if (context.Request.ContentType is { } type)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
        }

        if (context.Request.Headers.Authorization.ToString() is { Length: > 0 } authorization)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await _forward.SendAsync(request, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        if (response.Content.Headers.ContentType is { } contentType)
        {
            context.Response.ContentType = contentType.ToString();
        }

        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    /// <summary>The request target as sent: the decoded path would turn an alias's <c>%23</c> into a fragment.</summary>
    private static string RawTarget(HttpContext context) =>
        (context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value + context.Request.QueryString.Value).TrimStart('/');

    private static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
