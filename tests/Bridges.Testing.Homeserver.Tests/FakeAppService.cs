using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bridges.Testing.Homeserver.Tests;

/// <summary>A minimal appservice over real HTTP that records what the homeserver sends it.</summary>
internal sealed class FakeAppService : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _hsToken;
    private readonly Lock _lock = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FakeAppService(WebApplication app, string hsToken)
    {
        _app = app;
        _hsToken = hsToken;
    }

    public Uri Url { get; private set; } = null!;

    /// <summary>Every transaction request in arrival order (retries included).</summary>
    public ConcurrentQueue<(string TxnId, JsonObject Body)> Transactions { get; } = new();

    /// <summary>Statuses to answer the next transactions with; 200 when empty.</summary>
    public ConcurrentQueue<int> TransactionStatuses { get; } = new();

    public ConcurrentQueue<string> UserQueries { get; } = new();

    public ConcurrentQueue<string> RoomQueries { get; } = new();

    public ConcurrentQueue<JsonObject> Pings { get; } = new();

    public Func<string, Task<int>> OnUserQuery { get; set; } = _ => Task.FromResult(404);

    public Func<string, Task<int>> OnRoomQuery { get; set; } = _ => Task.FromResult(404);

    public int PingStatus { get; set; } = 200;

    /// <summary>Events of all successfully answered transactions, in order.</summary>
    public List<JsonObject> AcceptedEvents { get; } = [];

    public List<JsonObject> AcceptedEphemeral { get; } = [];

    public static async Task<FakeAppService> StartAsync(string hsToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var service = new FakeAppService(app, hsToken);
        app.Run(service.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        service.Url = new Uri(address);
        return service;
    }

    public AppServiceRegistration Registration(string id, string userRegex, bool exclusive = true, string? aliasRegex = null,
        bool receiveEphemeral = false) => new()
    {
        Id = id,
        Url = Url,
        AsToken = "as_" + id,
        HsToken = _hsToken,
        SenderLocalpart = id + "bot",
        Users = [new AppServiceNamespace(userRegex, exclusive)],
        Aliases = aliasRegex is null ? [] : [new AppServiceNamespace(aliasRegex, exclusive)],
        ReceiveEphemeral = receiveEphemeral,
    };

    /// <summary>Waits until <paramref name="condition"/> holds, re-checking whenever a request arrives.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, string what, int timeoutMs = 10_000)
    {
        using var timeout = new CancellationTokenSource(timeoutMs);
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                changed = _changed.Task;
                if (condition())
                {
                    return;
                }
            }

            try
            {
                await changed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                lock (_lock)
                {
                    if (condition())
                    {
                        return;
                    }
                }

                throw new TimeoutException("timed out waiting for " + what);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext http)
    {
        if (http.Request.Headers.Authorization.ToString() != "Bearer " + _hsToken)
        {
            http.Response.StatusCode = 403;
            await http.Response.WriteAsJsonAsync(new { errcode = "M_FORBIDDEN" });
            return;
        }

        var segments = http.Request.Path.Value!.Split('/');
        var body = http.Request.ContentLength > 0 || http.Request.Method == "PUT" || http.Request.Method == "POST"
            ? await JsonNode.ParseAsync(http.Request.Body) as JsonObject
            : null;
        var status = 404;
        if (segments is [_, "_matrix", "app", "v1", "transactions", var txnId])
        {
            status = TransactionStatuses.TryDequeue(out var s) ? s : 200;
            lock (_lock)
            {
                Transactions.Enqueue((Uri.UnescapeDataString(txnId), body!));
                if (status == 200)
                {
                    AcceptedEvents.AddRange((body!["events"] as JsonArray ?? []).Select(e => (JsonObject)e!));
                    AcceptedEphemeral.AddRange((body["ephemeral"] as JsonArray ?? []).Select(e => (JsonObject)e!));
                }
            }
        }
        else if (segments is [_, "_matrix", "app", "v1", "users", var userId])
        {
            UserQueries.Enqueue(Uri.UnescapeDataString(userId));
            status = await OnUserQuery(Uri.UnescapeDataString(userId));
        }
        else if (segments is [_, "_matrix", "app", "v1", "rooms", var alias])
        {
            RoomQueries.Enqueue(Uri.UnescapeDataString(alias));
            status = await OnRoomQuery(Uri.UnescapeDataString(alias));
        }
        else if (segments is [_, "_matrix", "app", "v1", "ping"])
        {
            Pings.Enqueue(body ?? []);
            status = PingStatus;
        }

        http.Response.StatusCode = status;
        await http.Response.WriteAsJsonAsync(status == 200 ? new JsonObject() : new JsonObject { ["errcode"] = "M_NOT_FOUND" });
        Signal();
    }

    private void Signal()
    {
        TaskCompletionSource previous;
        lock (_lock)
        {
            previous = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        previous.TrySetResult();
    }
}
