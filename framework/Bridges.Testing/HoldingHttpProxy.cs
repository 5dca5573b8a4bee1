using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bridges.Testing;

/// <summary>
/// An HTTP forwarder on loopback, put between a bridge and its homeserver (in-process or real), that can hold chosen
/// requests unanswered until the test releases them: a homeserver that is slow for one room, say. Everything else
/// passes through unchanged.
/// </summary>
public sealed class HoldingHttpProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "TE", "Trailer", "Host", "Content-Length",
    };

    private readonly WebApplication _app;
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
    private readonly Uri _target;
    private readonly Lock _lock = new();
    private readonly List<(Func<HttpRequest, bool> Match, TaskCompletionSource Released, bool AfterForwarding)> _holds = [];
    private int _held;

    private HoldingHttpProxy(WebApplication app, Uri target)
    {
        _app = app;
        _target = target;
    }

    /// <summary>Where to point the bridge instead of the homeserver.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Requests waiting on a hold right now.</summary>
    public int HeldRequests => Volatile.Read(ref _held);

    /// <summary>Starts a forwarder to <paramref name="target"/> on a free loopback port.</summary>
    public static async Task<HoldingHttpProxy> StartAsync(Uri target, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var proxy = new HoldingHttpProxy(app, target);
        app.Run(proxy.ForwardAsync);
        await app.StartAsync(ct).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        proxy.Url = new Uri(address.TrimEnd('/') + "/");
        return proxy;
    }

    /// <summary>Holds requests matching <paramref name="match"/> until the returned handle is disposed.</summary>
    public IDisposable Hold(Func<HttpRequest, bool> match) => AddHold(match, afterForwarding: false);

    /// <summary>
    /// Forwards requests matching <paramref name="match"/> at once but holds their answers until the returned handle is
    /// disposed: the server did the work and the client never hears of it (a crash between the two).
    /// </summary>
    public IDisposable HoldAnswers(Func<HttpRequest, bool> match) => AddHold(match, afterForwarding: true);

    private IDisposable AddHold(Func<HttpRequest, bool> match, bool afterForwarding)
    {
        var hold = (match, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), afterForwarding);
        lock (_lock)
        {
            _holds.Add(hold);
        }

        return new Release(() =>
        {
            lock (_lock)
            {
                _holds.Remove(hold);
            }

            hold.Item2.TrySetResult();
        });
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        List<TaskCompletionSource> pending;
        lock (_lock)
        {
            pending = _holds.Select(h => h.Released).ToList();
            _holds.Clear();
        }

        pending.ForEach(p => p.TrySetResult());
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _http.Dispose();
    }

    private async Task ForwardAsync(HttpContext context)
    {
        List<Task> held, answersHeld;
        lock (_lock)
        {
            var matching = _holds.Where(h => h.Match(context.Request)).ToList();
            held = matching.Where(h => !h.AfterForwarding).Select(h => h.Released.Task).ToList();
            answersHeld = matching.Where(h => h.AfterForwarding).Select(h => h.Released.Task).ToList();
        }

        await WaitForReleaseAsync(held, context.RequestAborted).ConfigureAwait(false);

        var uri = new Uri(_target, context.Request.Path.Value + context.Request.QueryString.Value);
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), uri);
        if (context.Request.ContentLength > 0 || context.Request.Headers.ContainsKey("Transfer-Encoding"))
        {
            var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
            body.Position = 0;
            request.Content = new StreamContent(body);
        }

        foreach (var (name, values) in context.Request.Headers)
        {
            if (!HopByHop.Contains(name) && !request.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted).ConfigureAwait(false);
        await WaitForReleaseAsync(answersHeld, context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopByHop.Contains(name))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task WaitForReleaseAsync(List<Task> holds, CancellationToken aborted)
    {
        if (holds.Count == 0)
        {
            return;
        }

        Interlocked.Increment(ref _held);
        try
        {
            await Task.WhenAll(holds).WaitAsync(aborted).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _held);
        }
    }

    private sealed class Release(Action release) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                release();
            }
        }
    }
}
