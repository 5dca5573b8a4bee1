using System.Net;
using System.Text.Json.Nodes;
using static Bridges.Testing.Homeserver.Tests.MatrixHttp;

namespace Bridges.Testing.Homeserver.Tests;

public sealed class RoomTests
{
    [Fact]
    public async Task CreateRoom_produces_the_spec_event_sequence()
    {
        await using var hs = await TestHomeserver.StartAsync();
        using var http = new MatrixHttp(hs.BaseUrl);
        var alice = hs.RegisterUser("alice");
        var bob = hs.RegisterUser("bob");
        var roomId = await http.CreateRoomAsync(alice.AccessToken, new JsonObject
        {
            ["preset"] = "public_chat",
            ["room_alias_name"] = "pub",
            ["name"] = "The Pub",
            ["topic"] = "Beer",
            ["invite"] = new JsonArray(bob.UserId),
            ["initial_state"] = new JsonArray(new JsonObject
            {
                ["type"] = "m.room.avatar",
                ["state_key"] = "",
                ["content"] = new JsonObject { ["url"] = "mxc://localhost/abc" },
            }),
            ["power_level_content_override"] = new JsonObject { ["events_default"] = 10 },
        });

        var messages = await http.OkAsync(HttpMethod.Get, $"/_matrix/client/v3/rooms/{E(roomId)}/messages?dir=f&limit=50", null, alice.AccessToken);
        var events = messages["chunk"]!.AsArray().Select(e => $"{e!["type"]}|{e["state_key"]}").ToList();
        Assert.Equal(
        [
            "m.room.create|", "m.room.member|@alice:localhost", "m.room.power_levels|", "m.room.canonical_alias|",
            "m.room.join_rules|", "m.room.history_visibility|", "m.room.guest_access|", "m.room.avatar|", "m.room.name|",
            "m.room.topic|", "m.room.member|@bob:localhost",
        ], events);

        var chunk = messages["chunk"]!.AsArray();
        Assert.Equal("10", chunk[0]!["content"]!["room_version"]!.GetValue<string>());
        Assert.Equal("public", chunk[4]!["content"]!["join_rule"]!.GetValue<string>());
        Assert.Equal(10, chunk[2]!["content"]!["events_default"]!.GetValue<int>());
        Assert.Equal(100, chunk[2]!["content"]!["users"]!["@alice:localhost"]!.GetValue<int>());
        Assert.Equal("invite", chunk[10]!["content"]!["membership"]!.GetValue<string>());
        Assert.Equal("#pub:localhost", chunk[3]!["content"]!["alias"]!.GetValue<string>());

        var resolved = await http.OkAsync(HttpMethod.Get, "/_matrix/client/v3/directory/room/%23pub%3Alocalhost", null, null);
        Assert.Equal(roomId, resolved["room_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Room_version_12_has_creators_and_hash_room_id()
    {
        await using var hs = await TestHomeserver.StartAsync();
        using var http = new MatrixHttp(hs.BaseUrl);
        var alice = hs.RegisterUser("alice");
        var roomId = await http.CreateRoomAsync(alice.AccessToken, new JsonObject { ["room_version"] = "12" });
        Assert.DoesNotContain(':', roomId);
        var pl = await http.OkAsync(HttpMethod.Get, $"/_matrix/client/v3/rooms/{E(roomId)}/state/m.room.power_levels/", null, alice.AccessToken);
        Assert.Null(pl["users"]!["@alice:localhost"]);
        await http.SendMessageAsync(alice.AccessToken, roomId, "hi");

        var unsupported = await http.PostAsync("/_matrix/client/v3/createRoom", new JsonObject { ["room_version"] = "99" }, alice.AccessToken);
        Assert.Equal("M_UNSUPPORTED_ROOM_VERSION", unsupported.ErrCode);
    }

    [Fact]
    public async Task Join_rules_and_invite_flow()
    {
        await using var hs = await TestHomeserver.StartAsync();
        using var http = new MatrixHttp(hs.BaseUrl);
        var alice = hs.RegisterUser("alice");
        var bob = hs.RegisterUser("bob");
        var carol = hs.RegisterUser("carol");
        var privateRoom = await http.CreateRoomAsync(alice.AccessToken, new JsonObject { ["preset"] = "private_chat" });

        var uninvited = await http.PostAsync($"/_matrix/client/v3/join/{E(privateRoom)}", new JsonObject(), bob.AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, uninvited.Status);

        var inviteByOutsider = await http.PostAsync($"/_matrix/client/v3/rooms/{E(privateRoom)}/invite",
            new JsonObject { ["user_id"] = carol.UserId }, bob.AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, inviteByOutsider.Status);

        await http.OkAsync(HttpMethod.Post, $"/_matrix/client/v3/rooms/{E(privateRoom)}/invite",
            new JsonObject { ["user_id"] = bob.UserId }, alice.AccessToken);
        await http.OkAsync(HttpMethod.Post, $"/_matrix/client/v3/rooms/{E(privateRoom)}/join", new JsonObject(), bob.AccessToken);
        var joined = await http.OkAsync(HttpMethod.Get, $"/_matrix/client/v3/rooms/{E(privateRoom)}/joined_members", null, alice.AccessToken);
        Assert.NotNull(joined["joined"]![bob.UserId]);
        Assert.Equal("bob", joined["joined"]![bob.UserId]!["display_name"]!.GetValue<string>());

        var unknownInvitee = await http.PostAsync($"/_matrix/client/v3/rooms/{E(privateRoom)}/invite",
            new JsonObject { ["user_id"] = "@nobody:localhost" }, alice.AccessToken);
        Assert.Equal(HttpStatusCode.NotFound, unknownInvitee.Status);

        // Public rooms can be joined freely, but not by banned users.
        var publicRoom = await http.CreateRoomAsync(alice.AccessToken, new JsonObject { ["preset"] = "public_chat" });
        await http.OkAsync(HttpMethod.Post, $"/_matrix/client/v3/join/{E(publicRoom)}", new JsonObject(), carol.AccessToken);
        await http.OkAsync(HttpMethod.Post, $"/_matrix/client/v3/rooms/{E(publicRoom)}/ban",
            new JsonObject { ["user_id"] = carol.UserId, ["reason"] = "spam" }, alice.AccessToken);
        var banned = await http.PostAsync($"/_matrix/client/v3/join/{E(publicRoom)}", new JsonObject(), carol.AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, banned.Status);
        await http.OkAsync(HttpMethod.Post, $"/_matrix/client/v3/rooms/{E(publicRoom)}/unban",
            new JsonObject { ["user_id"] = carol.UserId }, alice.AccessToken);
        await http.OkAsync(HttpMethod.Post, $"/_matrix/client/v3/join/{E(publicRoom)}", new JsonObject(), carol.AccessToken);
        await http.OkAsync(HttpMethod.Post, $"/_matrix/client/v3/rooms/{E(publicRoom)}/leave", new JsonObject(), carol.AccessToken);
        await http.OkAsync(HttpMethod.Post, $"/_matrix/client/v3/rooms/{E(publicRoom)}/forget", new JsonObject(), carol.AccessToken);

        var rooms = await http.OkAsync(HttpMethod.Get, "/_matrix/client/v3/joined_rooms", null, bob.AccessToken);
        Assert.Equal([privateRoom], rooms["joined_rooms"]!.AsArray().Select(r => r!.GetValue<string>()));

        var unknown = await http.PostAsync("/_matrix/client/v3/rooms/%21nope%3Alocalhost/join", new JsonObject(), bob.AccessToken);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal("M_NOT_FOUND", unknown.ErrCode);
    }

    [Fact]
    public async Task Knock_join_rule_lets_users_ask_and_members_accept_or_refuse()
    {
        await using var hs = await TestHomeserver.StartAsync();
        using var http = new MatrixHttp(hs.BaseUrl);
        var alice = hs.RegisterUser("alice");
        var bob = hs.RegisterUser("bob");
        var carol = hs.RegisterUser("carol");
        var room = await http.CreateRoomAsync(alice.AccessToken, new JsonObject
        {
            ["preset"] = "private_chat",
            ["initial_state"] = new JsonArray(new JsonObject { ["type"] = "m.room.join_rules", ["state_key"] = "", ["content"] = new JsonObject { ["join_rule"] = "knock" } }),
        });
        var invitedOnly = await http.CreateRoomAsync(alice.AccessToken, new JsonObject { ["preset"] = "private_chat" });

        Assert.Equal(HttpStatusCode.Forbidden, (await http.PostAsync($"/_matrix/client/v3/knock/{E(invitedOnly)}", new JsonObject(), bob.AccessToken)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.PostAsync($"/_matrix/client/v3/join/{E(room)}", new JsonObject(), bob.AccessToken)).Status);
        await http.OkAsync(HttpMethod.Post, $"/_matrix/client/v3/knock/{E(room)}", new JsonObject { ["reason"] = "let me in" }, bob.AccessToken);
        var knock = await http.OkAsync(HttpMethod.Get, $"/_matrix/client/v3/rooms/{E(room)}/state/m.room.member/{E(bob.UserId)}", null, alice.AccessToken);
        Assert.Equal("knock", knock["membership"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await http.PostAsync($"/_matrix/client/v3/join/{E(room)}", new JsonObject(), bob.AccessToken)).Status);

        // Accepted by an invite, refused by a kick.
        await http.OkAsync(HttpMethod.Post, $"/_matrix/client/v3/rooms/{E(room)}/invite", new JsonObject { ["user_id"] = bob.UserId }, alice.AccessToken);
        await http.OkAsync(HttpMethod.Post, $"/_matrix/client/v3/join/{E(room)}", new JsonObject(), bob.AccessToken);
        await http.OkAsync(HttpMethod.Post, $"/_matrix/client/v3/knock/{E(room)}", new JsonObject(), carol.AccessToken);
        await http.OkAsync(HttpMethod.Post, $"/_matrix/client/v3/rooms/{E(room)}/kick", new JsonObject { ["user_id"] = carol.UserId }, alice.AccessToken);
        var refused = await http.OkAsync(HttpMethod.Get, $"/_matrix/client/v3/rooms/{E(room)}/state/m.room.member/{E(carol.UserId)}", null, alice.AccessToken);
        Assert.Equal("leave", refused["membership"]!.GetValue<string>());
    }

    [Fact]
    public async Task Restricted_join_rule_admits_members_of_the_allowed_room_only()
    {
        await using var hs = await TestHomeserver.StartAsync();
        using var http = new MatrixHttp(hs.BaseUrl);
        var alice = hs.RegisterUser("alice");
        var bob = hs.RegisterUser("bob");
        var carol = hs.RegisterUser("carol");
        var space = await http.CreateRoomAsync(alice.AccessToken, new JsonObject { ["preset"] = "public_chat" });
        var room = await http.CreateRoomAsync(alice.AccessToken, new JsonObject
        {
            ["preset"] = "private_chat",
            ["initial_state"] = new JsonArray(new JsonObject
            {
                ["type"] = "m.room.join_rules", ["state_key"] = "",
                ["content"] = new JsonObject
                {
                    ["join_rule"] = "restricted",
                    ["allow"] = new JsonArray(new JsonObject { ["type"] = "m.room_membership", ["room_id"] = space }),
                },
            }),
        });
        await http.OkAsync(HttpMethod.Post, $"/_matrix/client/v3/join/{E(space)}", new JsonObject(), bob.AccessToken);

        await http.OkAsync(HttpMethod.Post, $"/_matrix/client/v3/join/{E(room)}", new JsonObject(), bob.AccessToken);
        var member = await http.OkAsync(HttpMethod.Get, $"/_matrix/client/v3/rooms/{E(room)}/state/m.room.member/{E(bob.UserId)}", null, alice.AccessToken);
        Assert.Equal("join", member["membership"]!.GetValue<string>());
        Assert.Equal(alice.UserId, member["join_authorised_via_users_server"]!.GetValue<string>());

        var outsider = await http.PostAsync($"/_matrix/client/v3/join/{E(room)}", new JsonObject(), carol.AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, outsider.Status);
    }

    [Fact]
    public async Task Power_levels_are_enforced()
    {
        await using var hs = await TestHomeserver.StartAsync();
        using var http = new MatrixHttp(hs.BaseUrl);
        var alice = hs.RegisterUser("alice");
        var bob = hs.RegisterUser("bob");
        var roomId = await http.CreateRoomAsync(alice.AccessToken, new JsonObject { ["preset"] = "public_chat" });
        await http.OkAsync(HttpMethod.Post, $"/_matrix/client/v3/join/{E(roomId)}", new JsonObject(), bob.AccessToken);

        var name = await http.PutAsync($"/_matrix/client/v3/rooms/{E(roomId)}/state/m.room.name/", new JsonObject { ["name"] = "x" }, bob.AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, name.Status);
        Assert.Equal("M_FORBIDDEN", name.ErrCode);

        var kick = await http.PostAsync($"/_matrix/client/v3/rooms/{E(roomId)}/kick", new JsonObject { ["user_id"] = alice.UserId }, bob.AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, kick.Status);

        var selfPromotion = await http.PutAsync($"/_matrix/client/v3/rooms/{E(roomId)}/state/m.room.power_levels",
            new JsonObject { ["users"] = new JsonObject { [alice.UserId] = 100, [bob.UserId] = 100 } }, bob.AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, selfPromotion.Status);

        // Alice gives Bob 50: he may now set the name, but still not raise himself above 50.
        var pl = await http.OkAsync(HttpMethod.Get, $"/_matrix/client/v3/rooms/{E(roomId)}/state/m.room.power_levels/", null, alice.AccessToken);
        pl["users"]![bob.UserId] = 50;
        await http.OkAsync(HttpMethod.Put, $"/_matrix/client/v3/rooms/{E(roomId)}/state/m.room.power_levels/", pl, alice.AccessToken);
        await http.OkAsync(HttpMethod.Put, $"/_matrix/client/v3/rooms/{E(roomId)}/state/m.room.name", new JsonObject { ["name"] = "x" }, bob.AccessToken);
        pl["users"]![bob.UserId] = 75;
        var raise = await http.PutAsync($"/_matrix/client/v3/rooms/{E(roomId)}/state/m.room.power_levels/", pl, bob.AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, raise.Status);

        var demoteAlice = (JsonObject)pl.DeepClone();
        demoteAlice["users"]![bob.UserId] = 50;
        demoteAlice["users"]![alice.UserId] = 0;
        Assert.Equal(HttpStatusCode.Forbidden, (await http.PutAsync($"/_matrix/client/v3/rooms/{E(roomId)}/state/m.room.power_levels/", demoteAlice, bob.AccessToken)).Status);

        await http.OkAsync(HttpMethod.Post, $"/_matrix/client/v3/rooms/{E(roomId)}/kick", new JsonObject { ["user_id"] = bob.UserId }, alice.AccessToken);
        var notJoined = await http.PutAsync($"/_matrix/client/v3/rooms/{E(roomId)}/send/m.room.message/t1",
            new JsonObject { ["msgtype"] = "m.text", ["body"] = "hi" }, bob.AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, notJoined.Status);
    }

    [Fact]
    public async Task Send_is_idempotent_per_transaction_id()
    {
        await using var hs = await TestHomeserver.StartAsync();
        using var http = new MatrixHttp(hs.BaseUrl);
        var alice = hs.RegisterUser("alice", "pw");
        var roomId = await http.CreateRoomAsync(alice.AccessToken);
        var first = await http.SendMessageAsync(alice.AccessToken, roomId, "one", "txn1");
        var repeat = await http.SendMessageAsync(alice.AccessToken, roomId, "one", "txn1");
        var other = await http.SendMessageAsync(alice.AccessToken, roomId, "two", "txn2");
        var huge = await http.PutAsync($"/_matrix/client/v3/rooms/{E(roomId)}/send/m.room.message/big",
            new JsonObject { ["msgtype"] = "m.text", ["body"] = new string('x', 70_000) }, alice.AccessToken);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.Status);
        Assert.Equal("M_TOO_LARGE", huge.ErrCode);
        Assert.Equal(first, repeat);
        Assert.NotEqual(first, other);

        // Another device of the same user has its own transaction scope.
        var login = await http.OkAsync(HttpMethod.Post, "/_matrix/client/v3/login", new JsonObject
        {
            ["type"] = "m.login.password",
            ["identifier"] = new JsonObject { ["type"] = "m.id.user", ["user"] = "alice" },
            ["password"] = "pw",
        }, null);
        var otherDevice = await http.SendMessageAsync(login["access_token"]!.GetValue<string>(), roomId, "three", "txn1");
        Assert.NotEqual(first, otherDevice);

        var messages = await http.OkAsync(HttpMethod.Get, $"/_matrix/client/v3/rooms/{E(roomId)}/messages?dir=b&limit=5", null, alice.AccessToken);
        var bodies = messages["chunk"]!.AsArray().Where(e => e!["type"]!.GetValue<string>() == "m.room.message")
            .Select(e => e!["content"]!["body"]!.GetValue<string>()).ToList();
        Assert.Equal(["three", "two", "one"], bodies);
        var own = messages["chunk"]!.AsArray().First(e => e!["event_id"]!.GetValue<string>() == first)!;
        Assert.Equal("txn1", own["unsigned"]!["transaction_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Event_size_is_measured_on_the_federation_pdu_in_canonical_json()
    {
        await using var hs = await TestHomeserver.StartAsync();
        using var http = new MatrixHttp(hs.BaseUrl);
        var alice = hs.RegisterUser("alice");
        var roomId = await http.CreateRoomAsync(alice.AccessToken);

        // Small enough as a client event, too big once a server adds auth/prev events, hashes and a signature.
        var nearLimit = await http.PutAsync($"/_matrix/client/v3/rooms/{E(roomId)}/send/m.room.message/near",
            new JsonObject { ["msgtype"] = "m.text", ["body"] = new string('x', 65_100) }, alice.AccessToken);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, nearLimit.Status);
        Assert.Equal("M_TOO_LARGE", nearLimit.ErrCode);

        // Canonical JSON carries UTF-8 as it is: 20,000 three-byte characters are 60 KB, not 120 KB of \u escapes.
        var wide = await http.PutAsync($"/_matrix/client/v3/rooms/{E(roomId)}/send/m.room.message/wide",
            new JsonObject { ["msgtype"] = "m.text", ["body"] = new string('€', 20_000) }, alice.AccessToken);
        Assert.Equal(HttpStatusCode.OK, wide.Status);
    }

    [Fact]
    public async Task Redaction_strips_content_and_needs_power_for_others_events()
    {
        await using var hs = await TestHomeserver.StartAsync();
        using var http = new MatrixHttp(hs.BaseUrl);
        var alice = hs.RegisterUser("alice");
        var bob = hs.RegisterUser("bob");
        var roomId = await http.CreateRoomAsync(alice.AccessToken, new JsonObject { ["preset"] = "public_chat" });
        await http.OkAsync(HttpMethod.Post, $"/_matrix/client/v3/join/{E(roomId)}", new JsonObject(), bob.AccessToken);
        var aliceMessage = await http.SendMessageAsync(alice.AccessToken, roomId, "secret");
        var bobMessage = await http.SendMessageAsync(bob.AccessToken, roomId, "oops");

        var refused = await http.PutAsync($"/_matrix/client/v3/rooms/{E(roomId)}/redact/{E(aliceMessage)}/r1", new JsonObject(), bob.AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);

        var own = await http.OkAsync(HttpMethod.Put, $"/_matrix/client/v3/rooms/{E(roomId)}/redact/{E(bobMessage)}/r2",
            new JsonObject { ["reason"] = "typo" }, bob.AccessToken);
        var redactionId = own["event_id"]!.GetValue<string>();
        var repeat = await http.OkAsync(HttpMethod.Put, $"/_matrix/client/v3/rooms/{E(roomId)}/redact/{E(bobMessage)}/r2",
            new JsonObject { ["reason"] = "typo" }, bob.AccessToken);
        Assert.Equal(redactionId, repeat["event_id"]!.GetValue<string>());

        await http.OkAsync(HttpMethod.Put, $"/_matrix/client/v3/rooms/{E(roomId)}/redact/{E(aliceMessage)}/r3", new JsonObject(), alice.AccessToken);

        var redacted = await http.OkAsync(HttpMethod.Get, $"/_matrix/client/v3/rooms/{E(roomId)}/event/{E(bobMessage)}", null, alice.AccessToken);
        Assert.Empty(redacted["content"]!.AsObject());
        Assert.Equal(redactionId, redacted["unsigned"]!["redacted_because"]!["event_id"]!.GetValue<string>());
        var redaction = await http.OkAsync(HttpMethod.Get, $"/_matrix/client/v3/rooms/{E(roomId)}/event/{E(redactionId)}", null, alice.AccessToken);
        Assert.Equal(bobMessage, redaction["redacts"]!.GetValue<string>());
    }

    [Fact]
    public async Task Messages_paginate_both_directions()
    {
        await using var hs = await TestHomeserver.StartAsync();
        using var http = new MatrixHttp(hs.BaseUrl);
        var alice = hs.RegisterUser("alice");
        var roomId = await http.CreateRoomAsync(alice.AccessToken);
        for (var i = 0; i < 5; i++)
        {
            await http.SendMessageAsync(alice.AccessToken, roomId, $"m{i}");
        }

        var page1 = await http.OkAsync(HttpMethod.Get, $"/_matrix/client/v3/rooms/{E(roomId)}/messages?dir=b&limit=3", null, alice.AccessToken);
        Assert.Equal(["m4", "m3", "m2"], Bodies(page1));
        var end = page1["end"]!.GetValue<string>();
        var page2 = await http.OkAsync(HttpMethod.Get, $"/_matrix/client/v3/rooms/{E(roomId)}/messages?dir=b&limit=2&from={end}", null, alice.AccessToken);
        Assert.Equal(["m1", "m0"], Bodies(page2));

        var forward = await http.OkAsync(HttpMethod.Get, $"/_matrix/client/v3/rooms/{E(roomId)}/messages?dir=f&limit=100&from={page2["end"]}", null, alice.AccessToken);
        Assert.Equal(["m0", "m1", "m2", "m3", "m4"], Bodies(forward));
        Assert.Null(forward["end"]);

        var outsider = hs.RegisterUser("eve");
        var denied = await http.GetAsync($"/_matrix/client/v3/rooms/{E(roomId)}/messages?dir=b", outsider.AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, denied.Status);
    }

    private static List<string> Bodies(JsonNode page) => page["chunk"]!.AsArray()
        .Where(e => e!["type"]!.GetValue<string>() == "m.room.message")
        .Select(e => e!["content"]!["body"]!.GetValue<string>()).ToList();
}
