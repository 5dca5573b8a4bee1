using System.Net;
using System.Text.Json;
using Bridges.Matrix.Tests.Support;
using Bridges.Tests.Shared;

namespace Bridges.Matrix.Tests.AppService;

/// <summary>The appservice HTTP surface over real Kestrel: authentication, error bodies and the small endpoints.</summary>
public sealed class AppServiceApiTests : IAsyncLifetime
{
    private AppServiceTestHost _host = null!;
    private int _goodTxn;

    public async Task InitializeAsync() => _host = await AppServiceTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Missing_token_gets_401_with_error_json()
    {
        using var response = await _host.SendAsync(HttpMethod.Put, "/_matrix/app/v1/transactions/t1", Txn.Body(Txn.Message("!r:example.org", "$e1", "hi")).ToJsonString(), token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertErrorAsync(response, "M_UNAUTHORIZED");
        Assert.Empty(_host.Sink.RoomEvents);
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task Wrong_token_gets_403_with_error_json()
    {
        using var response = await _host.SendAsync(HttpMethod.Put, "/_matrix/app/v1/transactions/t1", Txn.Body(Txn.Message("!r:example.org", "$e1", "hi")).ToJsonString(), token: "not-the-token");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await AssertErrorAsync(response, "M_FORBIDDEN");
        await AssertStillServesAsync();

        // The bad request's transaction id was not consumed: the same id with the right token is handled.
        using var retry = await _host.PutTransactionAsync("t1", Txn.Body(Txn.Message("!r:example.org", "$e1", "hi")));
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        await TestWait.UntilAsync(() => _host.Sink.CountOf("$e1") == 1, "$e1 is handled");
    }

    [Fact]
    public async Task Non_bearer_authorization_header_gets_403()
    {
        var request = new HttpRequestMessage(HttpMethod.Put, "/_matrix/app/v1/transactions/t1") { Content = new StringContent("{\"events\":[]}") };
        request.Headers.TryAddWithoutValidation("Authorization", "Basic " + AppServiceTestHost.HsToken);

        using var response = await _host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await AssertErrorAsync(response, "M_FORBIDDEN");
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task Token_in_access_token_query_is_accepted()
    {
        var body = Txn.Body(Txn.Message("!r:example.org", "$q1", "via query")).ToJsonString();

        using var response = await _host.SendAsync(HttpMethod.Put, "/_matrix/app/v1/transactions/q1?access_token=" + AppServiceTestHost.HsToken, body, token: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await TestWait.UntilAsync(() => _host.Sink.CountOf("$q1") == 1, "$q1 is handled");
    }

    [Fact]
    public async Task Wrong_token_in_access_token_query_gets_403()
    {
        using var response = await _host.SendAsync(HttpMethod.Put, "/_matrix/app/v1/transactions/q1?access_token=nope", "{\"events\":[]}", token: null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await AssertErrorAsync(response, "M_FORBIDDEN");
        await AssertStillServesAsync();
    }

    [Theory]
    [InlineData("this is not json")]
    [InlineData("{\"events\": [")]
    [InlineData("")]
    public async Task Non_json_body_gets_400_M_NOT_JSON(string body)
    {
        using var response = await _host.SendAsync(HttpMethod.Put, "/_matrix/app/v1/transactions/bad", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertErrorAsync(response, "M_NOT_JSON");
        await AssertStillServesAsync();
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"events\": {}}")]
    [InlineData("[]")]
    [InlineData("42")]
    public async Task Json_without_events_array_gets_400_M_BAD_JSON(string body)
    {
        using var response = await _host.SendAsync(HttpMethod.Put, "/_matrix/app/v1/transactions/bad", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertErrorAsync(response, "M_BAD_JSON");
        await AssertStillServesAsync();

        // A rejected body does not consume its transaction id.
        using var retry = await _host.PutTransactionAsync("bad", Txn.Body(Txn.Message("!r:example.org", "$after-bad", "ok")));
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        await TestWait.UntilAsync(() => _host.Sink.CountOf("$after-bad") == 1, "the corrected retry is handled");
    }

    [Fact]
    public async Task Transaction_that_cannot_be_stored_gets_503_M_UNKNOWN_and_is_taken_when_sent_again()
    {
        _host.Sink.FailuresLeft = 1;
        using var failed = await _host.PutTransactionAsync("unstored", Txn.Body(Txn.Message("!r:example.org", "$unstored", "hi")));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        await AssertErrorAsync(failed, "M_UNKNOWN");
        Assert.Equal(0, _host.Sink.CountOf("$unstored"));

        // The homeserver retries the same transaction; it is new to the bridge, since nothing was stored.
        using var retry = await _host.PutTransactionAsync("unstored", Txn.Body(Txn.Message("!r:example.org", "$unstored", "hi")));
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        await TestWait.UntilAsync(() => _host.Sink.CountOf("$unstored") == 1, "the retried transaction is handled");
    }

    [Fact]
    public async Task Ping_with_transaction_id_answers_empty_object_and_sets_LastPing()
    {
        Assert.Null(_host.Api.LastPing);

        using var response = await _host.SendAsync(HttpMethod.Post, "/_matrix/app/v1/ping", "{\"transaction_id\":\"ping-123\"}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{}", (await response.Content.ReadAsStringAsync()).Trim());
        Assert.NotNull(_host.Api.LastPing);
        Assert.Equal("ping-123", _host.Api.LastPing!.Value.TransactionId);
    }

    [Fact]
    public async Task Ping_without_token_gets_401_and_leaves_LastPing_unset()
    {
        using var response = await _host.SendAsync(HttpMethod.Post, "/_matrix/app/v1/ping", "{\"transaction_id\":\"x\"}", token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(_host.Api.LastPing);
    }

    [Fact]
    public async Task User_query_outside_the_namespace_gets_404_M_NOT_FOUND()
    {
        using var response = await _host.SendAsync(HttpMethod.Get, "/_matrix/app/v1/users/" + Uri.EscapeDataString("@alice:example.org"), null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await AssertErrorAsync(response, "M_NOT_FOUND");
    }

    [Fact]
    public async Task Alias_query_outside_the_namespace_gets_404_M_NOT_FOUND()
    {
        using var response = await _host.SendAsync(HttpMethod.Get, "/_matrix/app/v1/rooms/" + Uri.EscapeDataString("#other:example.org"), null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await AssertErrorAsync(response, "M_NOT_FOUND");
    }

    [Theory]
    [InlineData("GET", "/_matrix/app/v1/whatever")]
    [InlineData("POST", "/_matrix/app/v1/some/deeper/thing")]
    [InlineData("GET", "/_matrix/app/unstable/whatever")]
    public async Task Unknown_app_endpoint_gets_404_M_UNRECOGNIZED(string method, string path)
    {
        using var response = await _host.SendAsync(new HttpMethod(method), path, method == "POST" ? "{}" : null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await AssertErrorAsync(response, "M_UNRECOGNIZED");
    }

    [Fact]
    public async Task Legacy_unprefixed_transactions_path_works()
    {
        using var response = await _host.PutTransactionAsync("legacy-1", Txn.Body(Txn.Message("!r:example.org", "$legacy", "old path")), path: "/transactions/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await TestWait.UntilAsync(() => _host.Sink.CountOf("$legacy") == 1, "$legacy is handled");

        // Legacy and prefixed paths share one transaction-id space.
        using var again = await _host.PutTransactionAsync("legacy-1", Txn.Body(Txn.Message("!r:example.org", "$legacy", "old path")));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await AssertStillServesAsync();
        Assert.Equal(1, _host.Sink.CountOf("$legacy"));
    }

    [Fact]
    public async Task Legacy_unprefixed_user_query_requires_the_token()
    {
        using var response = await _host.SendAsync(HttpMethod.Get, "/users/" + Uri.EscapeDataString("@ghost_a:example.org"), null, token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static async Task AssertErrorAsync(HttpResponseMessage response, string errcode)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(errcode, doc.RootElement.GetProperty("errcode").GetString());
        Assert.False(string.IsNullOrWhiteSpace(doc.RootElement.GetProperty("error").GetString()));
    }

    /// <summary>A well-formed, authenticated transaction still gets 200 and its event reaches the sink.</summary>
    private async Task AssertStillServesAsync()
    {
        var n = Interlocked.Increment(ref _goodTxn);
        var eventId = $"$good{n}";
        using var response = await _host.PutTransactionAsync($"good-{n}", Txn.Body(Txn.Message("!r:example.org", eventId, "still here")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{}", (await response.Content.ReadAsStringAsync()).Trim());
        await TestWait.UntilAsync(() => _host.Sink.CountOf(eventId) == 1, $"{eventId} is handled");
    }
}
