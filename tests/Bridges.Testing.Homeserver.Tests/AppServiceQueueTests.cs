using System.Text.Json.Nodes;
using static Bridges.Testing.Homeserver.Tests.MatrixHttp;

namespace Bridges.Testing.Homeserver.Tests;

public sealed class AppServiceQueueTests
{
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Events_queued_during_a_failing_push_are_batched_up_to_the_limit()
    {
        await using var appService = await FakeAppService.StartAsync("hs_secret");
        var options = new TestHomeserverOptions
        {
            MaxEventsPerTransaction = 3,
            AppServiceRetryInitialDelay = TimeSpan.FromMilliseconds(200),
        };
        options.AppServices.Add(appService.Registration("tg", "@tg_.*:localhost"));
        await using var hs = await TestHomeserver.StartAsync(options);
        using var http = new MatrixHttp(hs.BaseUrl);
        var roomId = await http.CreateRoomAsync("as_tg");
        await hs.WaitForAppServiceQueuesDrainedAsync(Drain);
        var before = appService.Transactions.Count;

        appService.TransactionStatuses.Enqueue(503);
        await http.SendMessageAsync("as_tg", roomId, "m0");
        await appService.WaitUntilAsync(() => appService.Transactions.Count > before, "first attempt");
        for (var i = 1; i < 8; i++)
        {
            await http.SendMessageAsync("as_tg", roomId, $"m{i}");
        }

        await hs.WaitForAppServiceQueuesDrainedAsync(Drain);
        var accepted = appService.Transactions.Skip(before).Where((t, index) => index > 0).ToList();
        Assert.All(accepted, t => Assert.InRange(t.Body["events"]!.AsArray().Count, 1, 3));
        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"m{i}"), appService.AcceptedEvents
            .Where(e => e["type"]!.GetValue<string>() == "m.room.message").Select(e => e["content"]!["body"]!.GetValue<string>()));
        Assert.True(accepted.Count >= 3, "7 events after the retry need at least 3 more transactions of 3");
    }

    [Fact]
    public async Task Appservice_interest_counts_joined_members_only_not_invited_ghosts()
    {
        await using var appService = await FakeAppService.StartAsync("hs_secret");
        var options = new TestHomeserverOptions();
        options.AppServices.Add(appService.Registration("tg", "@tg_.*:localhost"));
        await using var hs = await TestHomeserver.StartAsync(options);
        using var http = new MatrixHttp(hs.BaseUrl);
        var alice = hs.RegisterUser("alice");
        await http.OkAsync(HttpMethod.Post, "/_matrix/client/v3/register", new JsonObject { ["type"] = "m.login.application_service", ["username"] = "tg_1", ["inhibit_login"] = true }, "as_tg");
        var roomId = await http.CreateRoomAsync(alice.AccessToken, new JsonObject { ["invite"] = new JsonArray("@tg_1:localhost") });

        // Synapse: a ghost that is only invited does not make the room's events interesting (the invite itself is).
        await http.SendMessageAsync(alice.AccessToken, roomId, "while invited");
        await hs.WaitForAppServiceQueuesDrainedAsync(Drain);
        Assert.Contains(appService.AcceptedEvents, e => e["type"]!.GetValue<string>() == "m.room.member" && e["state_key"]!.GetValue<string>() == "@tg_1:localhost");
        Assert.DoesNotContain(appService.AcceptedEvents, e => e["content"]?["body"]?.GetValue<string>() == "while invited");

        await http.OkAsync(HttpMethod.Post, $"/_matrix/client/v3/join/{E(roomId)}?user_id={E("@tg_1:localhost")}", new JsonObject(), "as_tg");
        await http.SendMessageAsync(alice.AccessToken, roomId, "once joined");
        await appService.WaitUntilAsync(() => appService.AcceptedEvents.Any(e => e["content"]?["body"]?.GetValue<string>() == "once joined"), "the message after the join");
    }

    [Fact]
    public async Task Msc2409_registration_gets_both_ephemeral_keys_and_typing_expiry()
    {
        await using var appService = await FakeAppService.StartAsync("hs_secret");
        var registration = appService.Registration("tg", "@tg_.*:localhost");
        var options = new TestHomeserverOptions();
        options.AppServices.Add(new AppServiceRegistration
        {
            Id = registration.Id,
            Url = registration.Url,
            AsToken = registration.AsToken,
            HsToken = registration.HsToken,
            SenderLocalpart = registration.SenderLocalpart,
            Users = registration.Users,
            Msc2409PushEphemeral = true,
        });
        await using var hs = await TestHomeserver.StartAsync(options);
        using var http = new MatrixHttp(hs.BaseUrl);
        var roomId = await http.CreateRoomAsync("as_tg");
        await http.OkAsync(HttpMethod.Put, $"/_matrix/client/v3/rooms/{E(roomId)}/typing/{E("@tgbot:localhost")}",
            new JsonObject { ["typing"] = true, ["timeout"] = 100 }, "as_tg");

        // The typing notification expires by itself and the stop is pushed too.
        await appService.WaitUntilAsync(() => appService.AcceptedEphemeral.Count >= 2, "typing start and stop");
        Assert.Single(appService.AcceptedEphemeral[0]["content"]!["user_ids"]!.AsArray());
        Assert.Empty(appService.AcceptedEphemeral[1]["content"]!["user_ids"]!.AsArray());
        var withEphemeral = appService.Transactions.First(t => t.Body["ephemeral"] is not null).Body;
        Assert.Equal(withEphemeral["ephemeral"]!.ToJsonString(), withEphemeral["de.sorunome.msc2409.ephemeral"]!.ToJsonString());
    }

    [Fact]
    public async Task Appservice_added_at_runtime_receives_events()
    {
        await using var appService = await FakeAppService.StartAsync("hs_secret");
        await using var hs = await TestHomeserver.StartAsync();
        using var http = new MatrixHttp(hs.BaseUrl);
        hs.AddAppService(appService.Registration("late", "@late_.*:localhost"));
        var roomId = await http.CreateRoomAsync("as_late");
        await hs.WaitForAppServiceQueuesDrainedAsync(Drain);
        Assert.Contains(appService.AcceptedEvents, e => e["type"]!.GetValue<string>() == "m.room.create" && e["room_id"]!.GetValue<string>() == roomId);
        Assert.Equal("@latebot:localhost", appService.AcceptedEvents[0]["sender"]!.GetValue<string>());
    }
}
