using System.Net;
using System.Text.Json.Nodes;
using static Bridges.Testing.Homeserver.Tests.MatrixHttp;

namespace Bridges.Testing.Homeserver.Tests;

/// <summary>Client transaction ids as Synapse keeps them: per appservice (not per asserted user), and for a limited time.</summary>
public sealed class TransactionIdTests
{
    [Fact]
    public async Task Appservice_transaction_ids_are_keyed_per_appservice_not_per_asserted_user()
    {
        var options = new TestHomeserverOptions();
        options.AppServices.Add(AppServiceAuthTests.Registration("tg", "@tg_.*:localhost"));
        await using var hs = await TestHomeserver.StartAsync(options);
        using var http = new MatrixHttp(hs.BaseUrl);
        var room = await http.CreateRoomAsync("as_tg", new JsonObject { ["preset"] = "public_chat" });
        foreach (var ghost in new[] { "tg_1", "tg_2" })
        {
            await http.OkAsync(HttpMethod.Post, "/_matrix/client/v3/register", new JsonObject { ["type"] = "m.login.application_service", ["username"] = ghost, ["inhibit_login"] = true }, "as_tg");
            await http.OkAsync(HttpMethod.Post, $"/_matrix/client/v3/join/{E(room)}?user_id={E($"@{ghost}:localhost")}", new JsonObject(), "as_tg");
        }

        var first = await http.SendMessageAsync("as_tg", room, "from one", "same-txn", "@tg_1:localhost");
        var second = await http.SendMessageAsync("as_tg", room, "from two", "same-txn", "@tg_2:localhost");

        Assert.Equal(first, second);
        var messages = await http.OkAsync(HttpMethod.Get, $"/_matrix/client/v3/rooms/{E(room)}/messages?dir=b&limit=10", null, "as_tg");
        Assert.Single(messages["chunk"]!.AsArray(), e => e!["type"]!.GetValue<string>() == "m.room.message");
    }

    [Fact]
    public async Task Transaction_ids_are_forgotten_after_the_lifetime()
    {
        var clock = new ShiftedClock();
        var options = new TestHomeserverOptions { TimeProvider = clock, TransactionLifetime = TimeSpan.FromMinutes(30) };
        await using var hs = await TestHomeserver.StartAsync(options);
        using var http = new MatrixHttp(hs.BaseUrl);
        var alice = hs.RegisterUser("alice");
        var room = await http.CreateRoomAsync(alice.AccessToken);

        var first = await http.SendMessageAsync(alice.AccessToken, room, "one", "txn");
        clock.Shift = TimeSpan.FromMinutes(29);
        Assert.Equal(first, await http.SendMessageAsync(alice.AccessToken, room, "one", "txn"));
        clock.Shift = TimeSpan.FromMinutes(61);
        Assert.NotEqual(first, await http.SendMessageAsync(alice.AccessToken, room, "one", "txn"));
    }

    [Fact]
    public async Task CreateRoom_refuses_a_creator_in_the_power_level_override_in_room_version_12()
    {
        await using var hs = await TestHomeserver.StartAsync();
        using var http = new MatrixHttp(hs.BaseUrl);
        var alice = hs.RegisterUser("alice");
        var refused = await http.PostAsync("/_matrix/client/v3/createRoom", new JsonObject
        {
            ["room_version"] = "12",
            ["power_level_content_override"] = new JsonObject { ["users"] = new JsonObject { [alice.UserId] = 100 } },
        }, alice.AccessToken);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("M_INVALID_PARAM", refused.ErrCode);

        // Before version 12 the creator has to be listed when the override names users at all.
        var locksOut = await http.PostAsync("/_matrix/client/v3/createRoom", new JsonObject
        {
            ["room_version"] = "11",
            ["power_level_content_override"] = new JsonObject { ["users"] = new JsonObject { ["@someone:localhost"] = 50 } },
        }, alice.AccessToken);
        Assert.Equal(HttpStatusCode.BadRequest, locksOut.Status);

        var allowed = await http.CreateRoomAsync(alice.AccessToken, new JsonObject
        {
            ["room_version"] = "12",
            ["power_level_content_override"] = new JsonObject { ["users"] = new JsonObject { ["@someone:localhost"] = 50 } },
        });
        Assert.StartsWith("!", allowed);
    }

    private sealed class ShiftedClock : TimeProvider
    {
        public TimeSpan Shift { get; set; }

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Shift;
    }
}
