using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using static Bridges.Testing.Homeserver.Tests.MatrixHttp;

namespace Bridges.Testing.Homeserver.Tests;

public sealed class AppServiceTransactionTests
{
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Events_are_pushed_in_order_with_increasing_txn_ids()
    {
        await using var appService = await FakeAppService.StartAsync("hs_secret");
        var options = new TestHomeserverOptions();
        options.AppServices.Add(appService.Registration("tg", "@tg_.*:localhost"));
        await using var hs = await TestHomeserver.StartAsync(options);
        using var http = new MatrixHttp(hs.BaseUrl);
        var alice = hs.RegisterUser("alice");

        // The bot is in the room, so every event of the room interests the appservice.
        var roomId = await http.CreateRoomAsync("as_tg");
        await http.OkAsync(HttpMethod.Post, $"/_matrix/client/v3/rooms/{E(roomId)}/invite", new JsonObject { ["user_id"] = alice.UserId }, "as_tg");
        await http.OkAsync(HttpMethod.Post, $"/_matrix/client/v3/rooms/{E(roomId)}/join", new JsonObject(), alice.AccessToken);
        for (var i = 0; i < 5; i++)
        {
            await http.SendMessageAsync(alice.AccessToken, roomId, $"m{i}");
        }

        await hs.WaitForAppServiceQueuesDrainedAsync(Drain);
        Assert.Equal(0, hs.PendingTransactionCount);
        var bodies = appService.AcceptedEvents.Where(e => e["type"]!.GetValue<string>() == "m.room.message")
            .Select(e => e["content"]!["body"]!.GetValue<string>()).ToList();
        Assert.Equal(["m0", "m1", "m2", "m3", "m4"], bodies);
        Assert.Equal("m.room.create", appService.AcceptedEvents[0]["type"]!.GetValue<string>());
        Assert.All(appService.AcceptedEvents, e => Assert.Equal(roomId, e["room_id"]!.GetValue<string>()));

        var txnIds = appService.Transactions.Select(t => long.Parse(t.TxnId, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(txnIds.Order().ToList(), txnIds);
        Assert.Equal(txnIds.Count, txnIds.Distinct().Count());
        Assert.All(hs.AppServiceDeliveries, d => Assert.Equal(200, d.StatusCode));
    }

    [Fact]
    public async Task Failed_push_is_retried_with_the_same_txn_id_then_the_next_one()
    {
        await using var appService = await FakeAppService.StartAsync("hs_secret");
        var options = new TestHomeserverOptions { AppServiceRetryInitialDelay = TimeSpan.FromMilliseconds(20) };
        options.AppServices.Add(appService.Registration("tg", "@tg_.*:localhost"));
        await using var hs = await TestHomeserver.StartAsync(options);
        using var http = new MatrixHttp(hs.BaseUrl);
        var roomId = await http.CreateRoomAsync("as_tg");
        await hs.WaitForAppServiceQueuesDrainedAsync(Drain);
        var before = appService.Transactions.Count;

        appService.TransactionStatuses.Enqueue(500);
        appService.TransactionStatuses.Enqueue(500);
        await http.SendMessageAsync("as_tg", roomId, "retried");
        await hs.WaitForAppServiceQueuesDrainedAsync(Drain);
        await http.SendMessageAsync("as_tg", roomId, "next");
        await hs.WaitForAppServiceQueuesDrainedAsync(Drain);

        var attempts = appService.Transactions.Skip(before).ToList();
        Assert.Equal(4, attempts.Count);
        Assert.Equal(attempts[0].TxnId, attempts[1].TxnId);
        Assert.Equal(attempts[0].TxnId, attempts[2].TxnId);
        Assert.Equal(attempts[0].Body.ToJsonString(), attempts[2].Body.ToJsonString());
        Assert.True(long.Parse(attempts[3].TxnId, CultureInfo.InvariantCulture) > long.Parse(attempts[0].TxnId, CultureInfo.InvariantCulture));
        Assert.Equal("next", attempts[3].Body["events"]![0]!["content"]!["body"]!.GetValue<string>());

        var log = hs.AppServiceDeliveries.Where(d => d.TransactionId == attempts[0].TxnId).ToList();
        Assert.Equal([500, 500, 200], log.Select(d => d.StatusCode ?? 0));
        Assert.Equal([1, 2, 3], log.Select(d => d.Attempt));
        Assert.Equal(["retried", "next"], appService.AcceptedEvents.Where(e => e["type"]!.GetValue<string>() == "m.room.message")
            .Select(e => e["content"]!["body"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Only_interested_appservices_get_events()
    {
        await using var tg = await FakeAppService.StartAsync("hs_tg");
        await using var irc = await FakeAppService.StartAsync("hs_irc");
        var options = new TestHomeserverOptions();
        options.AppServices.Add(tg.Registration("tg", "@tg_.*:localhost"));
        options.AppServices.Add(irc.Registration("irc", "@irc_.*:localhost"));
        await using var hs = await TestHomeserver.StartAsync(options);
        using var http = new MatrixHttp(hs.BaseUrl);
        var alice = hs.RegisterUser("alice");
        var roomId = await http.CreateRoomAsync("as_tg");
        var privateRoom = await http.CreateRoomAsync(alice.AccessToken);
        await http.SendMessageAsync(alice.AccessToken, privateRoom, "private");
        await hs.WaitForAppServiceQueuesDrainedAsync(Drain);

        Assert.NotEmpty(tg.AcceptedEvents);
        Assert.All(tg.AcceptedEvents, e => Assert.Equal(roomId, e["room_id"]!.GetValue<string>()));
        Assert.Empty(irc.AcceptedEvents);
    }

    [Fact]
    public async Task Ephemeral_typing_is_pushed_when_enabled()
    {
        await using var appService = await FakeAppService.StartAsync("hs_secret");
        var options = new TestHomeserverOptions();
        options.AppServices.Add(appService.Registration("tg", "@tg_.*:localhost", receiveEphemeral: true));
        await using var hs = await TestHomeserver.StartAsync(options);
        using var http = new MatrixHttp(hs.BaseUrl);
        var alice = hs.RegisterUser("alice");
        var roomId = await http.CreateRoomAsync("as_tg", new JsonObject { ["preset"] = "public_chat" });
        await http.OkAsync(HttpMethod.Post, $"/_matrix/client/v3/join/{E(roomId)}", new JsonObject(), alice.AccessToken);
        await http.OkAsync(HttpMethod.Put, $"/_matrix/client/v3/rooms/{E(roomId)}/typing/{E(alice.UserId)}",
            new JsonObject { ["typing"] = true, ["timeout"] = 10000 }, alice.AccessToken);

        await appService.WaitUntilAsync(() => appService.AcceptedEphemeral.Count > 0, "typing EDU");
        var typing = appService.AcceptedEphemeral.Single(e => e["type"]!.GetValue<string>() == "m.typing");
        Assert.Equal(roomId, typing["room_id"]!.GetValue<string>());
        Assert.Equal(alice.UserId, typing["content"]!["user_ids"]![0]!.GetValue<string>());

        var eventId = await http.SendMessageAsync(alice.AccessToken, roomId, "read me");
        await http.OkAsync(HttpMethod.Post, $"/_matrix/client/v3/rooms/{E(roomId)}/receipt/m.read/{E(eventId)}", new JsonObject(), alice.AccessToken);
        await http.OkAsync(HttpMethod.Put, $"/_matrix/client/v3/presence/{E(alice.UserId)}/status", new JsonObject { ["presence"] = "online" }, alice.AccessToken);
        await appService.WaitUntilAsync(() => appService.AcceptedEphemeral.Any(e => e["type"]!.GetValue<string>() == "m.presence"), "presence EDU");
        var receipt = appService.AcceptedEphemeral.Single(e => e["type"]!.GetValue<string>() == "m.receipt");
        Assert.Equal(roomId, receipt["room_id"]!.GetValue<string>());
        Assert.NotNull(receipt["content"]![eventId]!["m.read"]![alice.UserId]!["ts"]);
        var presence = appService.AcceptedEphemeral.Single(e => e["type"]!.GetValue<string>() == "m.presence");
        Assert.Equal(alice.UserId, presence["sender"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ephemeral_is_not_pushed_when_disabled()
    {
        await using var appService = await FakeAppService.StartAsync("hs_secret");
        var options = new TestHomeserverOptions();
        options.AppServices.Add(appService.Registration("tg", "@tg_.*:localhost"));
        await using var hs = await TestHomeserver.StartAsync(options);
        using var http = new MatrixHttp(hs.BaseUrl);
        var roomId = await http.CreateRoomAsync("as_tg");
        await http.OkAsync(HttpMethod.Put, $"/_matrix/client/v3/rooms/{E(roomId)}/typing/{E("@tgbot:localhost")}",
            new JsonObject { ["typing"] = true, ["timeout"] = 10000 }, "as_tg");
        await http.SendMessageAsync("as_tg", roomId, "after typing");
        await appService.WaitUntilAsync(() => appService.AcceptedEvents.Any(e => e["type"]!.GetValue<string>() == "m.room.message"), "message");
        Assert.All(appService.Transactions, t => Assert.Null(t.Body["ephemeral"]));
    }

    [Fact]
    public async Task Invite_of_unknown_namespaced_user_queries_the_appservice_first()
    {
        await using var appService = await FakeAppService.StartAsync("hs_secret");
        var options = new TestHomeserverOptions();
        options.AppServices.Add(appService.Registration("tg", "@tg_.*:localhost"));
        await using var hs = await TestHomeserver.StartAsync(options);
        using var http = new MatrixHttp(hs.BaseUrl);
        var alice = hs.RegisterUser("alice");
        appService.OnUserQuery = async userId =>
        {
            // A real appservice registers the user before answering 200.
            var localpart = userId[1..userId.IndexOf(':', StringComparison.Ordinal)];
            var response = await http.PostAsync("/_matrix/client/v3/register", new JsonObject
            {
                ["type"] = "m.login.application_service",
                ["username"] = localpart,
                ["inhibit_login"] = true,
            }, "as_tg");
            return response.Status == HttpStatusCode.OK ? 200 : 500;
        };

        var roomId = await http.CreateRoomAsync(alice.AccessToken);
        await http.OkAsync(HttpMethod.Post, $"/_matrix/client/v3/rooms/{E(roomId)}/invite", new JsonObject { ["user_id"] = "@tg_42:localhost" }, alice.AccessToken);
        Assert.Equal(["@tg_42:localhost"], appService.UserQueries);

        // The ghost can now accept through identity assertion.
        await http.OkAsync(HttpMethod.Post, $"/_matrix/client/v3/rooms/{E(roomId)}/join?user_id=%40tg_42%3Alocalhost", new JsonObject(), "as_tg");

        appService.OnUserQuery = _ => Task.FromResult(404);
        var refused = await http.PostAsync($"/_matrix/client/v3/rooms/{E(roomId)}/invite", new JsonObject { ["user_id"] = "@tg_43:localhost" }, alice.AccessToken);
        Assert.Equal(HttpStatusCode.NotFound, refused.Status);
        Assert.Equal(2, appService.UserQueries.Count);
    }

    [Fact]
    public async Task Appservice_answering_200_without_creating_the_user_or_room_is_a_violation()
    {
        await using var appService = await FakeAppService.StartAsync("hs_secret");
        var options = new TestHomeserverOptions { FailOnSpecViolation = false };
        options.AppServices.Add(appService.Registration("tg", "@tg_.*:localhost", aliasRegex: "#tg_.*:localhost"));
        await using var hs = await TestHomeserver.StartAsync(options);
        using var http = new MatrixHttp(hs.BaseUrl);
        var alice = hs.RegisterUser("alice");
        appService.OnUserQuery = _ => Task.FromResult(200);
        appService.OnRoomQuery = _ => Task.FromResult(200);
        var roomId = await http.CreateRoomAsync(alice.AccessToken);

        var invite = await http.PostAsync($"/_matrix/client/v3/rooms/{E(roomId)}/invite", new JsonObject { ["user_id"] = "@tg_ghost:localhost" }, alice.AccessToken);
        Assert.Equal(HttpStatusCode.NotFound, invite.Status);
        var alias = await http.GetAsync("/_matrix/client/v3/directory/room/%23tg_none%3Alocalhost", alice.AccessToken);
        Assert.Equal(HttpStatusCode.NotFound, alias.Status);

        Assert.Contains(hs.Violations, v => v.Subject.Contains("users/@tg_ghost:localhost", StringComparison.Ordinal));
        Assert.Contains(hs.Violations, v => v.Subject.Contains("rooms/#tg_none:localhost", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unknown_alias_in_namespace_is_queried_then_resolved()
    {
        await using var appService = await FakeAppService.StartAsync("hs_secret");
        var options = new TestHomeserverOptions();
        options.AppServices.Add(appService.Registration("tg", "@tg_.*:localhost", aliasRegex: "#tg_.*:localhost"));
        await using var hs = await TestHomeserver.StartAsync(options);
        using var http = new MatrixHttp(hs.BaseUrl);
        var alice = hs.RegisterUser("alice");
        appService.OnRoomQuery = async alias =>
        {
            var localpart = alias[1..alias.IndexOf(':', StringComparison.Ordinal)];
            var created = await http.PostAsync("/_matrix/client/v3/createRoom",
                new JsonObject { ["room_alias_name"] = localpart, ["preset"] = "public_chat" }, "as_tg");
            return created.Status == HttpStatusCode.OK ? 200 : 500;
        };

        var resolved = await http.OkAsync(HttpMethod.Get, "/_matrix/client/v3/directory/room/%23tg_chat%3Alocalhost", null, alice.AccessToken);
        Assert.StartsWith("!", resolved["room_id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["#tg_chat:localhost"], appService.RoomQueries);

        var joined = await http.OkAsync(HttpMethod.Post, "/_matrix/client/v3/join/%23tg_other%3Alocalhost", new JsonObject(), alice.AccessToken);
        Assert.StartsWith("!", joined["room_id"]!.GetValue<string>(), StringComparison.Ordinal);

        var outside = await http.GetAsync("/_matrix/client/v3/directory/room/%23nobody%3Alocalhost", alice.AccessToken);
        Assert.Equal(HttpStatusCode.NotFound, outside.Status);
        Assert.Equal(2, appService.RoomQueries.Count);

        // Users may not take aliases from an exclusive alias namespace.
        var roomId = await http.CreateRoomAsync(alice.AccessToken);
        var taken = await http.PutAsync("/_matrix/client/v3/directory/room/%23tg_mine%3Alocalhost", new JsonObject { ["room_id"] = roomId }, alice.AccessToken);
        Assert.Equal("M_EXCLUSIVE", taken.ErrCode);
        await http.OkAsync(HttpMethod.Put, "/_matrix/client/v3/directory/room/%23mine%3Alocalhost", new JsonObject { ["room_id"] = roomId }, alice.AccessToken);
        var duplicate = await http.PutAsync("/_matrix/client/v3/directory/room/%23mine%3Alocalhost", new JsonObject { ["room_id"] = roomId }, alice.AccessToken);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.Status);
        var aliases = await http.OkAsync(HttpMethod.Get, $"/_matrix/client/v3/rooms/{E(roomId)}/aliases", null, alice.AccessToken);
        Assert.Equal(["#mine:localhost"], aliases["aliases"]!.AsArray().Select(a => a!.GetValue<string>()));
        await http.OkAsync(HttpMethod.Delete, "/_matrix/client/v3/directory/room/%23mine%3Alocalhost", null, alice.AccessToken);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/_matrix/client/v3/directory/room/%23mine%3Alocalhost")).Status);
    }

    [Fact]
    public async Task Ping_calls_the_appservice()
    {
        await using var appService = await FakeAppService.StartAsync("hs_secret");
        var options = new TestHomeserverOptions();
        options.AppServices.Add(appService.Registration("tg", "@tg_.*:localhost"));
        options.AppServices.Add(new AppServiceRegistration
        {
            Id = "nourl", Url = null, AsToken = "as_nourl", HsToken = "hs_nourl", SenderLocalpart = "nourlbot",
        });
        await using var hs = await TestHomeserver.StartAsync(options);
        using var http = new MatrixHttp(hs.BaseUrl);

        var ok = await http.OkAsync(HttpMethod.Post, "/_matrix/client/v1/appservice/tg/ping", new JsonObject { ["transaction_id"] = "p1" }, "as_tg");
        Assert.True(ok["duration_ms"]!.GetValue<long>() >= 0);
        Assert.Equal("p1", appService.Pings.Single()["transaction_id"]!.GetValue<string>());

        var wrongAs = await http.PostAsync("/_matrix/client/v1/appservice/nourl/ping", new JsonObject(), "as_tg");
        Assert.Equal(HttpStatusCode.Forbidden, wrongAs.Status);
        var noUrl = await http.PostAsync("/_matrix/client/v1/appservice/nourl/ping", new JsonObject(), "as_nourl");
        Assert.Equal("M_URL_NOT_SET", noUrl.ErrCode);

        appService.PingStatus = 401;
        var bad = await http.PostAsync("/_matrix/client/v1/appservice/tg/ping", new JsonObject(), "as_tg");
        Assert.Equal(HttpStatusCode.BadGateway, bad.Status);
        Assert.Equal("M_BAD_STATUS", bad.ErrCode);
        Assert.Equal(401, bad.Json!["status"]!.GetValue<int>());

        await appService.DisposeAsync();
        var down = await http.PostAsync("/_matrix/client/v1/appservice/tg/ping", new JsonObject(), "as_tg");
        Assert.Equal("M_CONNECTION_FAILED", down.ErrCode);
    }
}
