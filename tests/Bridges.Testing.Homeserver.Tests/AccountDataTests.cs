using System.Text.Json.Nodes;
using static Bridges.Testing.Homeserver.Tests.MatrixHttp;

namespace Bridges.Testing.Homeserver.Tests;

public sealed class AccountDataTests
{
    [Fact]
    public async Task Account_data_read_markers_and_filters()
    {
        await using var hs = await TestHomeserver.StartAsync();
        using var http = new MatrixHttp(hs.BaseUrl);
        var alice = hs.RegisterUser("alice");
        var bob = hs.RegisterUser("bob");
        var roomId = await http.CreateRoomAsync(alice.AccessToken, new JsonObject
        {
            ["preset"] = "trusted_private_chat",
            ["is_direct"] = true,
            ["invite"] = new JsonArray(bob.UserId),
        });
        var invite = await http.OkAsync(HttpMethod.Get, $"/_matrix/client/v3/rooms/{E(roomId)}/state/m.room.member/{E(bob.UserId)}", null, alice.AccessToken);
        Assert.True(invite["is_direct"]!.GetValue<bool>());
        var pl = await http.OkAsync(HttpMethod.Get, $"/_matrix/client/v3/rooms/{E(roomId)}/state/m.room.power_levels/", null, alice.AccessToken);
        Assert.Equal(100, pl["users"]![bob.UserId]!.GetValue<int>());

        var since = (await http.OkAsync(HttpMethod.Get, "/_matrix/client/v3/sync", null, alice.AccessToken))["next_batch"]!.GetValue<string>();
        var direct = new JsonObject { [bob.UserId] = new JsonArray(roomId) };
        await http.OkAsync(HttpMethod.Put, $"/_matrix/client/v3/user/{E(alice.UserId)}/account_data/m.direct", direct, alice.AccessToken);
        var eventId = await http.SendMessageAsync(alice.AccessToken, roomId, "x");
        await http.OkAsync(HttpMethod.Post, $"/_matrix/client/v3/rooms/{E(roomId)}/read_markers",
            new JsonObject { ["m.fully_read"] = eventId, ["m.read"] = eventId }, alice.AccessToken);

        var sync = await http.OkAsync(HttpMethod.Get, $"/_matrix/client/v3/sync?since={since}", null, alice.AccessToken);
        Assert.Equal(roomId, sync["account_data"]!["events"]![0]!["content"]![bob.UserId]![0]!.GetValue<string>());
        var room = sync["rooms"]!["join"]![roomId]!;
        Assert.Equal(eventId, room["account_data"]!["events"]![0]!["content"]!["event_id"]!.GetValue<string>());
        Assert.Contains(room["ephemeral"]!["events"]!.AsArray(), e => e!["type"]!.GetValue<string>() == "m.receipt");

        var stored = await http.OkAsync(HttpMethod.Get, $"/_matrix/client/v3/user/{E(alice.UserId)}/account_data/m.direct", null, alice.AccessToken);
        Assert.Equal(direct.ToJsonString(), stored.ToJsonString());

        var filter = new JsonObject { ["room"] = new JsonObject { ["timeline"] = new JsonObject { ["limit"] = 5 } } };
        var id = (await http.OkAsync(HttpMethod.Post, $"/_matrix/client/v3/user/{E(alice.UserId)}/filter", filter, alice.AccessToken))["filter_id"]!.GetValue<string>();
        var fetched = await http.OkAsync(HttpMethod.Get, $"/_matrix/client/v3/user/{E(alice.UserId)}/filter/{id}", null, alice.AccessToken);
        Assert.Equal(filter.ToJsonString(), fetched.ToJsonString());
    }
}
