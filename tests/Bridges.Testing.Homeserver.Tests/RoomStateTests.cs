using System.Net;
using System.Text.Json.Nodes;
using static Bridges.Testing.Homeserver.Tests.MatrixHttp;

namespace Bridges.Testing.Homeserver.Tests;

public sealed class RoomStateTests
{
    [Fact]
    public async Task State_members_and_per_room_profiles()
    {
        var options = new TestHomeserverOptions();
        options.AppServices.Add(new AppServiceRegistration
        {
            Id = "tg", Url = null, AsToken = "as_tg", HsToken = "hs_tg", SenderLocalpart = "tgbot",
            Users = [new AppServiceNamespace("@tg_.*:localhost", true)],
        });
        await using var hs = await TestHomeserver.StartAsync(options);
        using var http = new MatrixHttp(hs.BaseUrl);
        await http.OkAsync(HttpMethod.Post, "/_matrix/client/v3/register", new JsonObject
        {
            ["type"] = "m.login.application_service", ["username"] = "tg_1", ["inhibit_login"] = true,
        }, "as_tg");
        var roomId = await http.CreateRoomAsync("as_tg", new JsonObject { ["preset"] = "public_chat" });
        const string Ghost = "?user_id=%40tg_1%3Alocalhost";
        await http.OkAsync(HttpMethod.Post, $"/_matrix/client/v3/join/{E(roomId)}{Ghost}", new JsonObject(), "as_tg");

        // A bridge sets a per-room display name for its ghost through the state API.
        await http.OkAsync(HttpMethod.Put, $"/_matrix/client/v3/rooms/{E(roomId)}/state/m.room.member/{E("@tg_1:localhost")}{Ghost}",
            new JsonObject { ["membership"] = "join", ["displayname"] = "Ghost (Telegram)" }, "as_tg");
        var members = await http.OkAsync(HttpMethod.Get, $"/_matrix/client/v3/rooms/{E(roomId)}/joined_members", null, "as_tg");
        Assert.Equal("Ghost (Telegram)", members["joined"]!["@tg_1:localhost"]!["display_name"]!.GetValue<string>());

        // Another user's state key is refused.
        var foreign = await http.PutAsync($"/_matrix/client/v3/rooms/{E(roomId)}/state/m.room.member/{E("@tgbot:localhost")}{Ghost}",
            new JsonObject { ["membership"] = "join" }, "as_tg");
        Assert.Equal(HttpStatusCode.Forbidden, foreign.Status);

        // Identical state is not sent twice; a state key with a slash round-trips.
        var first = await http.OkAsync(HttpMethod.Put, $"/_matrix/client/v3/rooms/{E(roomId)}/state/m.room.topic/", new JsonObject { ["topic"] = "t" }, "as_tg");
        var second = await http.OkAsync(HttpMethod.Put, $"/_matrix/client/v3/rooms/{E(roomId)}/state/m.room.topic", new JsonObject { ["topic"] = "t" }, "as_tg");
        Assert.Equal(first["event_id"]!.GetValue<string>(), second["event_id"]!.GetValue<string>());
        await http.OkAsync(HttpMethod.Put, $"/_matrix/client/v3/rooms/{E(roomId)}/state/m.bridge/{E("telegram://chat/42")}", new JsonObject { ["protocol"] = new JsonObject { ["id"] = "telegram" } }, "as_tg");
        var bridgeState = await http.OkAsync(HttpMethod.Get, $"/_matrix/client/v3/rooms/{E(roomId)}/state/m.bridge/{E("telegram://chat/42")}", null, "as_tg");
        Assert.Equal("telegram", bridgeState["protocol"]!["id"]!.GetValue<string>());

        var state = await http.OkAsync(HttpMethod.Get, $"/_matrix/client/v3/rooms/{E(roomId)}/state", null, "as_tg");
        Assert.Contains(state.AsArray(), e => e!["type"]!.GetValue<string>() == "m.bridge" && e["state_key"]!.GetValue<string>() == "telegram://chat/42");
        var joinedOnly = await http.OkAsync(HttpMethod.Get, $"/_matrix/client/v3/rooms/{E(roomId)}/members?membership=join", null, "as_tg");
        Assert.Equal(2, joinedOnly["chunk"]!.AsArray().Count);

        var missing = await http.GetAsync($"/_matrix/client/v3/rooms/{E(roomId)}/state/m.room.avatar/", "as_tg");
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);

        var badAlias = await http.PutAsync($"/_matrix/client/v3/rooms/{E(roomId)}/state/m.room.canonical_alias/",
            new JsonObject { ["alias"] = "#elsewhere:localhost" }, "as_tg");
        Assert.Equal("M_BAD_ALIAS", badAlias.ErrCode);
    }

    [Fact]
    public async Task Directory_visibility_publishes_the_room()
    {
        await using var hs = await TestHomeserver.StartAsync();
        using var http = new MatrixHttp(hs.BaseUrl);
        var alice = hs.RegisterUser("alice");
        var bob = hs.RegisterUser("bob");
        var roomId = await http.CreateRoomAsync(alice.AccessToken, new JsonObject { ["preset"] = "public_chat", ["name"] = "Lobby" });
        Assert.Equal("private", (await http.OkAsync(HttpMethod.Get, $"/_matrix/client/v3/directory/list/room/{E(roomId)}", null, null))["visibility"]!.GetValue<string>());

        await http.OkAsync(HttpMethod.Post, $"/_matrix/client/v3/join/{E(roomId)}", new JsonObject(), bob.AccessToken);
        var refused = await http.PutAsync($"/_matrix/client/v3/directory/list/room/{E(roomId)}", new JsonObject { ["visibility"] = "public" }, bob.AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);

        await http.OkAsync(HttpMethod.Put, $"/_matrix/client/v3/directory/list/room/{E(roomId)}", new JsonObject { ["visibility"] = "public" }, alice.AccessToken);
        var directory = await http.OkAsync(HttpMethod.Get, "/_matrix/client/v3/publicRooms", null, null);
        var entry = Assert.Single(directory["chunk"]!.AsArray());
        Assert.Equal("Lobby", entry!["name"]!.GetValue<string>());
        Assert.Equal(2, entry["num_joined_members"]!.GetValue<int>());
    }
}
