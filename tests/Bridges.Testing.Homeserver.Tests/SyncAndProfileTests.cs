using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using static Bridges.Testing.Homeserver.Tests.MatrixHttp;

namespace Bridges.Testing.Homeserver.Tests;

public sealed class SyncAndProfileTests
{
    [Fact]
    public async Task Sync_of_a_newly_joined_room_includes_what_was_said_between_invite_and_join()
    {
        await using var hs = await TestHomeserver.StartAsync();
        using var http = new MatrixHttp(hs.BaseUrl);
        var alice = hs.RegisterUser("alice");
        var bob = hs.RegisterUser("bob");
        var room = await http.CreateRoomAsync(alice.AccessToken, new JsonObject { ["preset"] = "private_chat", ["invite"] = new JsonArray(bob.UserId) });
        await http.SendMessageAsync(alice.AccessToken, room, "said before bob joined");

        // Bob's sync shows the invite, with a token from after the message; he joins; his next sync is incremental.
        var first = await http.OkAsync(HttpMethod.Get, "/_matrix/client/v3/sync", null, bob.AccessToken);
        Assert.NotNull(first["rooms"]!["invite"]![room]);
        await http.OkAsync(HttpMethod.Post, $"/_matrix/client/v3/join/{Uri.EscapeDataString(room)}", new JsonObject(), bob.AccessToken);
        var next = await http.OkAsync(HttpMethod.Get, "/_matrix/client/v3/sync?timeout=0&since=" + Uri.EscapeDataString(first["next_batch"]!.GetValue<string>()), null, bob.AccessToken);

        var bodies = next["rooms"]!["join"]![room]!["timeline"]!["events"]!.AsArray()
            .Where(e => e!["type"]!.GetValue<string>() == "m.room.message").Select(e => e!["content"]!["body"]!.GetValue<string>());
        Assert.Contains("said before bob joined", bodies);
    }

    [Fact]
    public async Task Sync_since_token_returns_only_new_events_and_invites()
    {
        await using var hs = await TestHomeserver.StartAsync();
        using var http = new MatrixHttp(hs.BaseUrl);
        var alice = hs.RegisterUser("alice");
        var bob = hs.RegisterUser("bob");
        var roomId = await http.CreateRoomAsync(alice.AccessToken, new JsonObject { ["name"] = "Room" });
        await http.SendMessageAsync(alice.AccessToken, roomId, "before");

        var initial = await http.OkAsync(HttpMethod.Get, "/_matrix/client/v3/sync", null, alice.AccessToken);
        var joined = initial["rooms"]!["join"]![roomId]!;
        Assert.Contains(joined["timeline"]!["events"]!.AsArray(), e => e!["content"]!["body"]?.GetValue<string>() == "before");
        var since = initial["next_batch"]!.GetValue<string>();

        await http.SendMessageAsync(alice.AccessToken, roomId, "after");
        await http.OkAsync(HttpMethod.Post, $"/_matrix/client/v3/rooms/{E(roomId)}/invite", new JsonObject { ["user_id"] = bob.UserId }, alice.AccessToken);

        var next = await http.OkAsync(HttpMethod.Get, $"/_matrix/client/v3/sync?since={since}", null, alice.AccessToken);
        var timeline = next["rooms"]!["join"]![roomId]!["timeline"]!["events"]!.AsArray();
        Assert.Equal(["m.room.message", "m.room.member"], timeline.Select(e => e!["type"]!.GetValue<string>()));
        Assert.Equal("after", timeline[0]!["content"]!["body"]!.GetValue<string>());
        Assert.Null(timeline[0]!["room_id"]);

        var bobSync = await http.OkAsync(HttpMethod.Get, "/_matrix/client/v3/sync", null, bob.AccessToken);
        var inviteState = bobSync["rooms"]!["invite"]![roomId]!["invite_state"]!["events"]!.AsArray();
        Assert.Contains(inviteState, e => e!["type"]!.GetValue<string>() == "m.room.name");
        Assert.Contains(inviteState, e => e!["type"]!.GetValue<string>() == "m.room.member" && e["state_key"]!.GetValue<string>() == bob.UserId);
    }

    [Fact]
    public async Task Sync_long_poll_wakes_on_new_event()
    {
        await using var hs = await TestHomeserver.StartAsync();
        using var http = new MatrixHttp(hs.BaseUrl);
        var alice = hs.RegisterUser("alice");
        var roomId = await http.CreateRoomAsync(alice.AccessToken);
        var since = (await http.OkAsync(HttpMethod.Get, "/_matrix/client/v3/sync", null, alice.AccessToken))["next_batch"]!.GetValue<string>();

        var watch = Stopwatch.StartNew();
        var poll = http.OkAsync(HttpMethod.Get, $"/_matrix/client/v3/sync?since={since}&timeout=20000", null, alice.AccessToken);
        Assert.False(poll.IsCompleted);
        await http.SendMessageAsync(alice.AccessToken, roomId, "wake up");
        var result = await poll.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15));
        var events = result["rooms"]!["join"]![roomId]!["timeline"]!["events"]!.AsArray();
        Assert.Equal("wake up", events.Single()!["content"]!["body"]!.GetValue<string>());

        // Nothing new: the long poll returns empty after its timeout with the same position.
        var empty = await http.OkAsync(HttpMethod.Get, $"/_matrix/client/v3/sync?since={result["next_batch"]}&timeout=50", null, alice.AccessToken);
        Assert.Null(empty["rooms"]);
        Assert.Equal(result["next_batch"]!.GetValue<string>(), empty["next_batch"]!.GetValue<string>());
    }

    [Fact]
    public async Task Sync_timeline_limit_from_filter_sets_limited_and_prev_batch()
    {
        await using var hs = await TestHomeserver.StartAsync();
        using var http = new MatrixHttp(hs.BaseUrl);
        var alice = hs.RegisterUser("alice");
        var roomId = await http.CreateRoomAsync(alice.AccessToken);
        for (var i = 0; i < 4; i++)
        {
            await http.SendMessageAsync(alice.AccessToken, roomId, $"m{i}");
        }

        var filter = await http.OkAsync(HttpMethod.Post, $"/_matrix/client/v3/user/{E(alice.UserId)}/filter",
            new JsonObject { ["room"] = new JsonObject { ["timeline"] = new JsonObject { ["limit"] = 2 } } }, alice.AccessToken);
        var sync = await http.OkAsync(HttpMethod.Get, $"/_matrix/client/v3/sync?filter={filter["filter_id"]}", null, alice.AccessToken);
        var timeline = sync["rooms"]!["join"]![roomId]!["timeline"]!;
        Assert.True(timeline["limited"]!.GetValue<bool>());
        Assert.Equal(["m2", "m3"], timeline["events"]!.AsArray().Select(e => e!["content"]!["body"]!.GetValue<string>()));
        Assert.Contains(sync["rooms"]!["join"]![roomId]!["state"]!["events"]!.AsArray(), e => e!["type"]!.GetValue<string>() == "m.room.create");

        var older = await http.OkAsync(HttpMethod.Get,
            $"/_matrix/client/v3/rooms/{E(roomId)}/messages?dir=b&limit=2&from={timeline["prev_batch"]}", null, alice.AccessToken);
        Assert.Equal(["m1", "m0"], older["chunk"]!.AsArray().Select(e => e!["content"]!["body"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Profile_change_updates_member_events_in_joined_rooms()
    {
        await using var hs = await TestHomeserver.StartAsync();
        using var http = new MatrixHttp(hs.BaseUrl);
        var alice = hs.RegisterUser("alice");
        var bob = hs.RegisterUser("bob");
        var roomId = await http.CreateRoomAsync(alice.AccessToken);

        var profile = await http.OkAsync(HttpMethod.Get, $"/_matrix/client/v3/profile/{E(alice.UserId)}", null, null);
        Assert.Equal("alice", profile["displayname"]!.GetValue<string>());

        await http.OkAsync(HttpMethod.Put, $"/_matrix/client/v3/profile/{E(alice.UserId)}/displayname",
            new JsonObject { ["displayname"] = "Alice A." }, alice.AccessToken);
        await http.OkAsync(HttpMethod.Put, $"/_matrix/client/v3/profile/{E(alice.UserId)}/avatar_url",
            new JsonObject { ["avatar_url"] = "mxc://localhost/face" }, alice.AccessToken);

        var member = await http.OkAsync(HttpMethod.Get, $"/_matrix/client/v3/rooms/{E(roomId)}/state/m.room.member/{E(alice.UserId)}", null, alice.AccessToken);
        Assert.Equal("Alice A.", member["displayname"]!.GetValue<string>());
        Assert.Equal("mxc://localhost/face", member["avatar_url"]!.GetValue<string>());
        Assert.Equal("join", member["membership"]!.GetValue<string>());

        var name = await http.OkAsync(HttpMethod.Get, $"/_matrix/client/v3/profile/{E(alice.UserId)}/displayname", null, null);
        Assert.Equal("Alice A.", name["displayname"]!.GetValue<string>());

        var other = await http.PutAsync($"/_matrix/client/v3/profile/{E(alice.UserId)}/displayname", new JsonObject { ["displayname"] = "x" }, bob.AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, other.Status);

        var unknown = await http.GetAsync("/_matrix/client/v3/profile/%40ghost%3Alocalhost");
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
    }

    [Fact]
    public async Task Typing_receipts_and_presence_reach_sync()
    {
        await using var hs = await TestHomeserver.StartAsync();
        using var http = new MatrixHttp(hs.BaseUrl);
        var alice = hs.RegisterUser("alice");
        var roomId = await http.CreateRoomAsync(alice.AccessToken);
        var eventId = await http.SendMessageAsync(alice.AccessToken, roomId, "read me");
        var since = (await http.OkAsync(HttpMethod.Get, "/_matrix/client/v3/sync", null, alice.AccessToken))["next_batch"]!.GetValue<string>();

        await http.OkAsync(HttpMethod.Put, $"/_matrix/client/v3/rooms/{E(roomId)}/typing/{E(alice.UserId)}",
            new JsonObject { ["typing"] = true, ["timeout"] = 30000 }, alice.AccessToken);
        await http.OkAsync(HttpMethod.Post, $"/_matrix/client/v3/rooms/{E(roomId)}/receipt/m.read/{E(eventId)}", new JsonObject(), alice.AccessToken);
        await http.OkAsync(HttpMethod.Put, $"/_matrix/client/v3/presence/{E(alice.UserId)}/status",
            new JsonObject { ["presence"] = "online", ["status_msg"] = "here" }, alice.AccessToken);

        var sync = await http.OkAsync(HttpMethod.Get, $"/_matrix/client/v3/sync?since={since}", null, alice.AccessToken);
        var ephemeral = sync["rooms"]!["join"]![roomId]!["ephemeral"]!["events"]!.AsArray();
        Assert.Contains(ephemeral, e => e!["type"]!.GetValue<string>() == "m.typing" && e["content"]!["user_ids"]![0]!.GetValue<string>() == alice.UserId);
        Assert.Contains(ephemeral, e => e!["type"]!.GetValue<string>() == "m.receipt" && e["content"]![eventId]!["m.read"]![alice.UserId] is not null);
        Assert.Equal("here", sync["presence"]!["events"]![0]!["content"]!["status_msg"]!.GetValue<string>());
        var presence = await http.OkAsync(HttpMethod.Get, $"/_matrix/client/v3/presence/{E(alice.UserId)}/status", null, alice.AccessToken);
        Assert.Equal("online", presence["presence"]!.GetValue<string>());
    }

    [Fact]
    public async Task Kicked_user_sees_the_room_under_leave()
    {
        await using var hs = await TestHomeserver.StartAsync();
        using var http = new MatrixHttp(hs.BaseUrl);
        var alice = hs.RegisterUser("alice");
        var bob = hs.RegisterUser("bob");
        var roomId = await http.CreateRoomAsync(alice.AccessToken, new JsonObject { ["preset"] = "public_chat" });
        await http.OkAsync(HttpMethod.Post, $"/_matrix/client/v3/join/{E(roomId)}", new JsonObject(), bob.AccessToken);
        var since = (await http.OkAsync(HttpMethod.Get, "/_matrix/client/v3/sync", null, bob.AccessToken))["next_batch"]!.GetValue<string>();
        await http.OkAsync(HttpMethod.Post, $"/_matrix/client/v3/rooms/{E(roomId)}/kick",
            new JsonObject { ["user_id"] = bob.UserId, ["reason"] = "bye" }, alice.AccessToken);
        await http.SendMessageAsync(alice.AccessToken, roomId, "after kick");

        var sync = await http.OkAsync(HttpMethod.Get, $"/_matrix/client/v3/sync?since={since}", null, bob.AccessToken);
        var left = sync["rooms"]!["leave"]![roomId]!["timeline"]!["events"]!.AsArray();
        var kick = Assert.Single(left);
        Assert.Equal("leave", kick!["content"]!["membership"]!.GetValue<string>());
        Assert.Equal("bye", kick["content"]!["reason"]!.GetValue<string>());
        Assert.Null(sync["rooms"]!["join"]);

        var filter = E("""{"room":{"timeline":{"limit":1}}}""");
        var full = await http.OkAsync(HttpMethod.Get, $"/_matrix/client/v3/sync?full_state=true&filter={filter}", null, alice.AccessToken);
        Assert.Contains(full["rooms"]!["join"]![roomId]!["state"]!["events"]!.AsArray(), e => e!["type"]!.GetValue<string>() == "m.room.create");
    }
}
