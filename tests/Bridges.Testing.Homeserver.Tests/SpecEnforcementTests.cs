using System.Net;
using System.Text.Json.Nodes;
using static Bridges.Testing.Homeserver.Tests.MatrixHttp;

namespace Bridges.Testing.Homeserver.Tests;

public sealed class SpecEnforcementTests
{
    [Fact]
    public async Task Invalid_body_is_rejected_and_recorded()
    {
        await using var hs = await TestHomeserver.StartAsync(new TestHomeserverOptions { FailOnSpecViolation = false });
        using var http = new MatrixHttp(hs.BaseUrl);
        var alice = hs.RegisterUser("alice");

        var response = await http.PostAsync("/_matrix/client/v3/createRoom", new JsonObject { ["preset"] = 5 }, alice.AccessToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("M_BAD_JSON", response.ErrCode);
        Assert.Contains("$.preset", response.Json!["error"]!.GetValue<string>(), StringComparison.Ordinal);

        var violation = Assert.Single(hs.Violations);
        Assert.Equal(SpecViolationSource.Request, violation.Source);
        Assert.Contains(violation.Details, d => d.InstancePath == "$.preset");
        var thrown = Assert.Throws<SpecViolationException>(hs.AssertNoSpecViolations);
        Assert.Contains("preset", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_cut_short_by_the_client_is_its_error_not_a_homeserver_violation()
    {
        await using var hs = await TestHomeserver.StartAsync(new TestHomeserverOptions { FailOnSpecViolation = false });
        var alice = hs.RegisterUser("alice");
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(hs.BaseUrl.Host, hs.BaseUrl.Port);
        var stream = tcp.GetStream();
        var head = $"PUT /_matrix/client/v3/rooms/%21r%3Alocalhost/send/m.room.message/t1 HTTP/1.1\r\nHost: {hs.BaseUrl.Authority}\r\n"
            + $"Authorization: Bearer {alice.AccessToken}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"msgtype\":";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head));
        // The client goes away before the end of its body (as a killed bridge does); the homeserver ends the
        // connection once it has handled the request, which is when the client's read ends.
        tcp.Client.Shutdown(System.Net.Sockets.SocketShutdown.Send);
        try
        {
            while (await stream.ReadAsync(new byte[4096]) > 0)
            {
            }
        }
        catch (IOException)
        {
            // Reset rather than closed: the same end.
        }

        Assert.Empty(hs.Violations);
    }

    [Fact]
    public async Task Dispose_throws_when_violations_were_seen()
    {
        var hs = await TestHomeserver.StartAsync();
        using (var http = new MatrixHttp(hs.BaseUrl))
        {
            var alice = hs.RegisterUser("alice");
            var roomId = await http.CreateRoomAsync(alice.AccessToken);
            var bad = await http.PutAsync($"/_matrix/client/v3/rooms/{E(roomId)}/send/m.room.message/t1", new JsonObject { ["body"] = "no msgtype" }, alice.AccessToken);
            Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
            Assert.Equal("M_BAD_JSON", bad.ErrCode);
        }

        var error = await Assert.ThrowsAsync<SpecViolationException>(async () => await hs.DisposeAsync());
        Assert.Equal(SpecViolationSource.Event, Assert.Single(error.Violations).Source);
    }

    [Fact]
    public async Task Unknown_endpoints_and_malformed_json_are_violations()
    {
        await using var hs = await TestHomeserver.StartAsync(new TestHomeserverOptions { FailOnSpecViolation = false });
        using var http = new MatrixHttp(hs.BaseUrl);
        var alice = hs.RegisterUser("alice");

        var unknown = await http.GetAsync("/_matrix/client/v3/made/up", alice.AccessToken);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal("M_UNRECOGNIZED", unknown.ErrCode);

        var unstable = await http.GetAsync("/_matrix/client/unstable/org.example/thing", alice.AccessToken);
        Assert.Equal("M_UNRECOGNIZED", unstable.ErrCode);

        var wrongMethod = await http.SendAsync(HttpMethod.Delete, "/_matrix/client/v3/createRoom", null, alice.AccessToken);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.Status);

        using var malformed = new HttpRequestMessage(HttpMethod.Post, "/_matrix/client/v3/createRoom")
        {
            Content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"),
        };
        malformed.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", alice.AccessToken);
        Assert.Equal("M_NOT_JSON", (await http.SendRawAsync(malformed)).ErrCode);

        var badParam = await http.GetAsync("/_matrix/client/v3/rooms/%21a%3Alocalhost/messages?dir=sideways", alice.AccessToken);
        Assert.Equal("M_INVALID_PARAM", badParam.ErrCode);

        Assert.Equal(4, hs.Violations.Count);
        Assert.All(hs.Violations, v => Assert.Equal(SpecViolationSource.Request, v.Source));
    }

    [Fact]
    public async Task Injected_rate_limit_answers_429_with_retry_after()
    {
        await using var hs = await TestHomeserver.StartAsync();
        using var http = new MatrixHttp(hs.BaseUrl);
        var alice = hs.RegisterUser("alice");
        var roomId = await http.CreateRoomAsync(alice.AccessToken);
        hs.InjectFailures(r => r.OperationId == "sendMessage" && r.UserId == alice.UserId, count: 2, status: 429,
            errcode: "M_LIMIT_EXCEEDED", retryAfterMs: 1500);

        var path = $"/_matrix/client/v3/rooms/{E(roomId)}/send/m.room.message/t1";
        var body = new JsonObject { ["msgtype"] = "m.text", ["body"] = "hi" };
        for (var i = 0; i < 2; i++)
        {
            var limited = await http.PutAsync(path, body, alice.AccessToken);
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
            Assert.Equal("M_LIMIT_EXCEEDED", limited.ErrCode);
            Assert.Equal(1500, limited.Json!["retry_after_ms"]!.GetValue<int>());
            Assert.Equal("2", limited.Headers["Retry-After"]);
        }

        Assert.Equal(HttpStatusCode.OK, (await http.PutAsync(path, body, alice.AccessToken)).Status);

        hs.InjectFailures(r => r.Path.EndsWith("/joined_rooms", StringComparison.Ordinal), 1, 500, "M_UNKNOWN", null);
        Assert.Equal(HttpStatusCode.InternalServerError, (await http.GetAsync("/_matrix/client/v3/joined_rooms", alice.AccessToken)).Status);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/_matrix/client/v3/joined_rooms", alice.AccessToken)).Status);
    }
}
