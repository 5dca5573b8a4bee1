using System.Net;
using Bridges.Matrix.Client;
using Bridges.Matrix.Errors;
using Bridges.Matrix.Events;
using Bridges.Matrix.Ids;
using Bridges.Matrix.Tests.Support;
using Bridges.Tests.Shared;
using Microsoft.AspNetCore.Http;

namespace Bridges.Matrix.Tests.Client;

/// <summary>
/// The client's retry policy against a scripted responder over real HTTP. Waits run on a fake clock that the test
/// advances only once the client has started its timer, so each test sees exactly how long the client chose to wait.
/// </summary>
public sealed class MatrixClientRetryTests
{
    private const string SendPath = "/_matrix/client/v3/rooms/!room:example.org/send/m.room.message/";
    private static readonly RoomId Room = RoomId.Parse("!room:example.org");
    private static readonly MessageContent Hello = new() { MsgType = MessageTypes.Text, Body = "hello" };

    private static readonly MatrixClientOptions SlowBackoff = new()
    {
        // Big enough that a wait taken from the backoff instead of the server's hint would be obvious.
        InitialBackoff = TimeSpan.FromMinutes(10),
        MaxBackoff = TimeSpan.FromHours(1),
        MaxRetries = 3,
    };

    [Fact]
    public async Task Rate_limited_request_waits_retry_after_ms_then_retries()
    {
        var time = new ObservableFakeTimeProvider();
        await using var hs = await ScriptedHomeserver.StartAsync((ctx, n) => n == 1
            ? ScriptedHomeserver.ErrorAsync(ctx, 429, "M_LIMIT_EXCEEDED", "Too many requests", retryAfterMs: 2500)
            : ScriptedHomeserver.JsonAsync(ctx, 200, """{"event_id":"$sent"}"""), time);
        var client = hs.CreateClient(SlowBackoff, time);

        var send = client.SendEventAsync(Room, EventTypes.Message, Hello, MatrixJsonContext.Default.MessageContent, "txn-429", null, CancellationToken.None);

        Assert.Equal(TimeSpan.FromMilliseconds(2500), await time.NextTimerAsync());
        Assert.Single(hs.Requests);
        time.Advance(TimeSpan.FromMilliseconds(2499));
        Assert.False(send.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal("$sent", (await send.WithTimeout("the retried send")).Value);
        var attempts = hs.To("PUT", SendPath + "txn-429");
        Assert.Equal(2, attempts.Count);
        Assert.True(attempts[1].At - attempts[0].At >= TimeSpan.FromMilliseconds(2500));
    }

    [Fact]
    public async Task Rate_limited_with_only_a_Retry_After_header_waits_that_long()
    {
        var time = new ObservableFakeTimeProvider();
        await using var hs = await ScriptedHomeserver.StartAsync((ctx, n) =>
        {
            if (n == 1)
            {
                ctx.Response.Headers.RetryAfter = "3";
                return ScriptedHomeserver.JsonAsync(ctx, 429, """{"errcode":"M_LIMIT_EXCEEDED","error":"slow down"}""");
            }

            return ScriptedHomeserver.JsonAsync(ctx, 200, """{"event_id":"$sent"}""");
        }, time);
        var client = hs.CreateClient(SlowBackoff, time);

        var send = client.SendEventAsync(Room, EventTypes.Message, Hello, MatrixJsonContext.Default.MessageContent, "txn-header", null, CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(3), await time.NextTimerAsync());
        time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal("$sent", (await send.WithTimeout("the retried send")).Value);
        Assert.Equal(2, hs.Count("PUT", SendPath + "txn-header"));
    }

    [Fact]
    public async Task Rate_limited_with_a_Retry_After_date_waits_until_that_time()
    {
        var time = new ObservableFakeTimeProvider();
        await using var hs = await ScriptedHomeserver.StartAsync((ctx, n) =>
        {
            if (n == 1)
            {
                ctx.Response.Headers.RetryAfter = (time.GetUtcNow() + TimeSpan.FromSeconds(5)).ToString("r", System.Globalization.CultureInfo.InvariantCulture);
                return ScriptedHomeserver.JsonAsync(ctx, 429, """{"errcode":"M_LIMIT_EXCEEDED","error":"slow down"}""");
            }

            return ScriptedHomeserver.JsonAsync(ctx, 200, """{"event_id":"$sent"}""");
        }, time);
        var client = hs.CreateClient(SlowBackoff, time);

        var send = client.SendEventAsync(Room, EventTypes.Message, Hello, MatrixJsonContext.Default.MessageContent, "txn-date", null, CancellationToken.None);

        // Measured on the client's clock, not the machine's.
        Assert.Equal(TimeSpan.FromSeconds(5), await time.NextTimerAsync());
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal("$sent", (await send.WithTimeout("the retried send")).Value);
    }

    [Fact]
    public async Task Rate_limited_with_a_Retry_After_date_already_past_retries_at_once()
    {
        var time = new ObservableFakeTimeProvider();
        await using var hs = await ScriptedHomeserver.StartAsync((ctx, n) =>
        {
            if (n == 1)
            {
                // A homeserver whose clock is behind ours.
                ctx.Response.Headers.RetryAfter = (time.GetUtcNow() - TimeSpan.FromMinutes(2)).ToString("r", System.Globalization.CultureInfo.InvariantCulture);
                return ScriptedHomeserver.JsonAsync(ctx, 429, """{"errcode":"M_LIMIT_EXCEEDED","error":"slow down"}""");
            }

            return ScriptedHomeserver.JsonAsync(ctx, 200, """{"event_id":"$sent"}""");
        }, time);
        var client = hs.CreateClient(SlowBackoff, time);

        var sent = await client.SendEventAsync(Room, EventTypes.Message, Hello, MatrixJsonContext.Default.MessageContent, "txn-past", null, CancellationToken.None)
            .WithTimeout("the retried send");

        Assert.Equal("$sent", sent.Value);
        Assert.Equal(2, hs.Count("PUT", SendPath + "txn-past"));
    }

    [Fact]
    public async Task Rate_limited_post_is_retried_because_the_server_did_not_act_on_it()
    {
        var time = new ObservableFakeTimeProvider();
        await using var hs = await ScriptedHomeserver.StartAsync((ctx, n) => n == 1
            ? ScriptedHomeserver.ErrorAsync(ctx, 429, "M_LIMIT_EXCEEDED", "Too many requests", retryAfterMs: 100)
            : ScriptedHomeserver.JsonAsync(ctx, 200, """{"room_id":"!new:example.org"}"""), time);
        var client = hs.CreateClient(SlowBackoff, time);

        var create = client.CreateRoomAsync(new CreateRoomRequest(), null, CancellationToken.None);

        Assert.Equal(TimeSpan.FromMilliseconds(100), await time.NextTimerAsync());
        time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal("!new:example.org", (await create.WithTimeout("the retried createRoom")).Value);
        Assert.Equal(2, hs.Count("POST", "/_matrix/client/v3/createRoom"));
    }

    [Fact]
    public async Task Retry_after_longer_than_MaxBackoff_is_capped()
    {
        var time = new ObservableFakeTimeProvider();
        await using var hs = await ScriptedHomeserver.StartAsync((ctx, n) => n == 1
            ? ScriptedHomeserver.ErrorAsync(ctx, 429, "M_LIMIT_EXCEEDED", "Come back tomorrow", retryAfterMs: 86_400_000)
            : ScriptedHomeserver.JsonAsync(ctx, 200, """{"event_id":"$sent"}"""), time);
        var client = hs.CreateClient(new MatrixClientOptions { MaxBackoff = TimeSpan.FromSeconds(30) }, time);

        var send = client.SendEventAsync(Room, EventTypes.Message, Hello, MatrixJsonContext.Default.MessageContent, "txn-cap", null, CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(30), await time.NextTimerAsync());
        time.Advance(TimeSpan.FromSeconds(30));
        await send.WithTimeout("the retried send");
    }

    [Fact]
    public async Task Server_error_on_put_is_retried_with_backoff()
    {
        var time = new ObservableFakeTimeProvider();
        await using var hs = await ScriptedHomeserver.StartAsync((ctx, n) => n == 1
            ? ScriptedHomeserver.ErrorAsync(ctx, 500, "M_UNKNOWN", "Internal server error")
            : ScriptedHomeserver.JsonAsync(ctx, 200, """{"event_id":"$sent"}"""), time);
        var options = new MatrixClientOptions { InitialBackoff = TimeSpan.FromSeconds(2), MaxBackoff = TimeSpan.FromMinutes(1) };
        var client = hs.CreateClient(options, time);

        var send = client.SendEventAsync(Room, EventTypes.Message, Hello, MatrixJsonContext.Default.MessageContent, "txn-500", null, CancellationToken.None);

        var wait = await time.NextTimerAsync();
        // First backoff: the initial value with jitter on its upper half.
        Assert.InRange(wait, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        time.Advance(wait);
        Assert.Equal("$sent", (await send.WithTimeout("the retried send")).Value);
        Assert.Equal(2, hs.Count("PUT", SendPath + "txn-500"));
    }

    [Fact]
    public async Task Server_error_on_post_is_not_retried_and_raises_MatrixException()
    {
        await using var hs = await ScriptedHomeserver.StartAsync((ctx, _) => ScriptedHomeserver.ErrorAsync(ctx, 500, "M_UNKNOWN", "database on fire"));
        var client = hs.CreateClient(SlowBackoff);

        var e = await Assert.ThrowsAsync<MatrixException>(() => client.CreateRoomAsync(new CreateRoomRequest(), null, CancellationToken.None));

        Assert.Equal(HttpStatusCode.InternalServerError, e.Status);
        Assert.Equal("M_UNKNOWN", e.Errcode);
        Assert.Equal("database on fire", e.ErrorText);
        Assert.Equal(1, hs.Count("POST", "/_matrix/client/v3/createRoom"));
    }

    [Fact]
    public async Task Server_error_without_a_matrix_body_keeps_the_status()
    {
        await using var hs = await ScriptedHomeserver.StartAsync((ctx, _) =>
        {
            ctx.Response.StatusCode = 502;
            ctx.Response.ContentType = "text/html";
            return ctx.Response.WriteAsync("<html>Bad gateway</html>");
        });
        var client = hs.CreateClient(SlowBackoff);

        var e = await Assert.ThrowsAsync<MatrixException>(() => client.CreateRoomAsync(new CreateRoomRequest(), null, CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadGateway, e.Status);
        Assert.Equal("M_UNKNOWN", e.Errcode);
    }

    [Fact]
    public async Task Forbidden_raises_MatrixException_with_M_FORBIDDEN_immediately()
    {
        var time = new ObservableFakeTimeProvider();
        await using var hs = await ScriptedHomeserver.StartAsync((ctx, _) => ScriptedHomeserver.ErrorAsync(ctx, 403, "M_FORBIDDEN", "You are not in this room"), time);
        var client = hs.CreateClient(SlowBackoff, time);

        var e = await Assert.ThrowsAsync<MatrixException>(() =>
            client.SendEventAsync(Room, EventTypes.Message, Hello, MatrixJsonContext.Default.MessageContent, "txn-403", null, CancellationToken.None));

        Assert.Equal(HttpStatusCode.Forbidden, e.Status);
        Assert.Equal(MatrixErrorCodes.Forbidden, e.Errcode);
        Assert.Equal(1, hs.Count("PUT", SendPath + "txn-403"));
    }

    [Fact]
    public async Task Persistent_server_errors_give_up_after_MaxRetries()
    {
        var time = new ObservableFakeTimeProvider();
        await using var hs = await ScriptedHomeserver.StartAsync((ctx, _) => ScriptedHomeserver.ErrorAsync(ctx, 503, "M_UNKNOWN", "down for maintenance"), time);
        var client = hs.CreateClient(new MatrixClientOptions { MaxRetries = 3, InitialBackoff = TimeSpan.FromSeconds(1), MaxBackoff = TimeSpan.FromSeconds(4) }, time);

        var get = client.GetVersionsAsync(CancellationToken.None);
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            var wait = await time.NextTimerAsync();
            waits.Add(wait);
            time.Advance(wait);
        }

        var e = await Assert.ThrowsAsync<MatrixException>(() => get.WithTimeout("the failing call"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, e.Status);
        Assert.Equal(4, hs.Count("GET", "/_matrix/client/versions"));
        // Exponential with jitter on the upper half, capped by MaxBackoff.
        Assert.InRange(waits[0], TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1));
        Assert.InRange(waits[1], TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        Assert.InRange(waits[2], TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task Send_retried_after_server_error_reuses_the_same_txn_id()
    {
        var time = new ObservableFakeTimeProvider();
        await using var hs = await ScriptedHomeserver.StartAsync((ctx, n) =>
        {
            var path = ctx.Request.Path.Value!;
            if (path.Contains("/send/", StringComparison.Ordinal))
            {
                return n == 1
                    ? ScriptedHomeserver.ErrorAsync(ctx, 500, "M_UNKNOWN", "try again")
                    : ScriptedHomeserver.JsonAsync(ctx, 200, """{"event_id":"$sent"}""");
            }

            return path.Contains("/join/", StringComparison.Ordinal)
                ? ScriptedHomeserver.JsonAsync(ctx, 200, """{"room_id":"!room:example.org"}""")
                : ScriptedHomeserver.JsonAsync(ctx, 200, "{}");
        }, time);
        var intents = IntentTests.CreateIntents(hs, time);

        // No txnId given: the intent picks one, and the client's retry must not pick another.
        var send = intents.Get(UserId.Parse("@ghost_alice:example.org")).SendMessageAsync(Room, Hello, txnId: null, CancellationToken.None);
        var wait = await time.NextTimerAsync();
        time.Advance(wait);
        await send.WithTimeout("the retried send");

        var sends = hs.Requests.Where(r => r.Method == "PUT" && r.Path.StartsWith(SendPath, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, sends.Count);
        Assert.Equal(sends[0].Path, sends[1].Path);
        Assert.Equal(sends[0].Body, sends[1].Body);
        Assert.Equal("@ghost_alice:example.org", sends[1].UserId);
    }

    [Fact]
    public async Task Requests_carry_the_token_as_a_bearer_header()
    {
        await using var hs = await ScriptedHomeserver.StartAsync((ctx, _) => ScriptedHomeserver.JsonAsync(ctx, 200, """{"versions":["v1.11"]}"""));
        var client = hs.CreateClient(token: "secret-as-token");

        var versions = await client.GetVersionsAsync(CancellationToken.None);

        Assert.Equal(["v1.11"], versions);
        Assert.Equal("Bearer secret-as-token", hs.Requests.Single().Authorization);
    }

    [Fact]
    public async Task Malformed_success_body_raises_MatrixException_M_BAD_JSON()
    {
        await using var hs = await ScriptedHomeserver.StartAsync((ctx, _) => ScriptedHomeserver.JsonAsync(ctx, 200, "not json"));
        var client = hs.CreateClient();

        var e = await Assert.ThrowsAsync<MatrixException>(() => client.GetVersionsAsync(CancellationToken.None));

        Assert.Equal(MatrixErrorCodes.BadJson, e.Errcode);
    }
}
