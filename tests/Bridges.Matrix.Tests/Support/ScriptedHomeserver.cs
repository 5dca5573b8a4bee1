using System.Collections.Concurrent;
using System.Net;
using Bridges.Matrix.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bridges.Matrix.Tests.Support;

/// <summary>
/// A purpose-built responder on real Kestrel for failure injection: each request is recorded and answered by the
/// test's script (status, Matrix error bodies, <c>Retry-After</c>). Not a homeserver; it knows only what a test tells it.
/// </summary>
internal sealed class ScriptedHomeserver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, int> _perPath = new();

    private ScriptedHomeserver(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The clock used to timestamp requests (a fake one in timing tests).</summary>
    public TimeProvider Time { get; private set; } = TimeProvider.System;

    public IReadOnlyCollection<RecordedRequest> Requests => _requests;

    /// <param name="respond">Answers a request; the int is the 1-based count of requests to this method and path so far.</param>
    /// <param name="time">The clock that timestamps requests.</param>
    public static async Task<ScriptedHomeserver> StartAsync(Func<HttpContext, int, Task> respond, TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        ScriptedHomeserver? self = null;
        app.Run(async ctx =>
        {
            var server = self!;
            using var reader = new StreamReader(ctx.Request.Body);
            var body = await reader.ReadToEndAsync(ctx.RequestAborted);
            var key = ctx.Request.Method + " " + ctx.Request.Path.Value;
            var n = server._perPath.AddOrUpdate(key, 1, (_, c) => c + 1);
            server._requests.Enqueue(new RecordedRequest(ctx.Request.Method, ctx.Request.Path.Value ?? string.Empty, ctx.Request.Query["user_id"].ToString(),
                ctx.Request.Headers.Authorization.ToString(), body, server.Time.GetUtcNow()));
            await respond(ctx, n);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new ScriptedHomeserver(app, new Uri(address + "/")) { Time = time ?? TimeProvider.System };
        return self;
    }

    /// <summary>How many requests had this method and (decoded) path.</summary>
    public int Count(string method, string path) => _requests.Count(r => r.Method == method && r.Path == path);

    public IReadOnlyList<RecordedRequest> To(string method, string path) => [.. _requests.Where(r => r.Method == method && r.Path == path)];

    public MatrixClient CreateClient(MatrixClientOptions? options = null, TimeProvider? time = null, string token = "as-token") =>
        new(new HttpClient(), BaseAddress, token, options ?? new MatrixClientOptions(), time ?? TimeProvider.System, NullLogger<MatrixClient>.Instance);

    public static Task JsonAsync(HttpContext ctx, int status, string json)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        return ctx.Response.WriteAsync(json);
    }

    public static Task ErrorAsync(HttpContext ctx, int status, string errcode, string error, long? retryAfterMs = null) =>
        JsonAsync(ctx, status, retryAfterMs is { } ms
            ? $$"""{"errcode":"{{errcode}}","error":"{{error}}","retry_after_ms":{{ms}}}"""
            : $$"""{"errcode":"{{errcode}}","error":"{{error}}"}""");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    internal sealed record RecordedRequest(string Method, string Path, string UserId, string Authorization, string Body, DateTimeOffset At);
}
