using System.Text.Json;
using System.Text.Json.Nodes;
using Bridges.Core.Network;
using Bridges.Core.Tests.Support;

namespace Bridges.Core.Tests;

public sealed class PortalCreationTests
{
    [Fact]
    public async Task Remote_message_creates_the_room_with_chat_info_and_bridge_state_and_invites_the_receiving_logins_owner()
    {
        await using var h = await LoopbackHarness.StartAsync();
        h.Network.CreateChat("lazy", "Lazy chat", "Rooms appear when needed");
        var carol = h.Network.AddUser("carol", "Carol", "carol-pw");
        var me = await h.UserAsync("me");
        await h.LoginAsync(me, carol, "carol-pw");

        // Typing may not create a portal: the bridge ignores it and no room appears.
        var typing = h.Network.Bob.Typing("lazy");
        Assert.Equal(RemoteEventResult.Ignored, await typing.Acknowledged.WaitAsync(LoopbackHarness.Timeout));
        Assert.Null(await h.Bridge.GetPortalRoomAsync(h.Network.Chat("lazy").PortalKey, CancellationToken.None));

        var first = h.Network.Alice.Send("lazy", "first words");
        var room = await me.WaitForInviteAsync();
        Assert.Equal(RemoteEventResult.Bridged, await first.Acknowledged.WaitAsync(LoopbackHarness.Timeout));
        Assert.Equal(room, await h.Bridge.GetPortalRoomAsync(h.Network.Chat("lazy").PortalKey, CancellationToken.None));

        var message = await me.WaitForMessageAsync(room, b => b == "first words");
        Assert.Equal(h.Ghost(h.Network.Alice).Value, message.Sender());

        var history = await me.GetMessagesAsync(room);
        var invite = Assert.Single(history, e => e.Type() == "m.room.member" && e.GetProperty("state_key").GetString() == me.UserId.Value
            && e.Content().GetProperty("membership").GetString() == "invite");
        Assert.Equal(h.Bot.Value, invite.Sender());

        Assert.Equal("Lazy chat", (await me.GetStateEventAsync(room, "m.room.name"))?.Content().GetProperty("name").GetString());
        Assert.Equal("Rooms appear when needed", (await me.GetStateEventAsync(room, "m.room.topic"))?.Content().GetProperty("topic").GetString());

        // MSC2346: m.bridge and its older name, same state key and content, describing network, chat and bot.
        var state = await me.SendAsync(HttpMethod.Get, $"_matrix/client/v3/rooms/{Uri.EscapeDataString(room.Value)}/state", null);
        var bridge = Assert.Single(state.EnumerateArray(), e => e.Type() == "m.bridge");
        var halfShot = Assert.Single(state.EnumerateArray(), e => e.Type() == "uk.half-shot.bridge");
        Assert.Equal(bridge.GetProperty("state_key").GetString(), halfShot.GetProperty("state_key").GetString());
        Assert.Equal(bridge.Content().GetRawText(), halfShot.Content().GetRawText());
        Assert.Equal("loopback", bridge.Content().GetProperty("protocol").GetProperty("id").GetString());
        Assert.Equal("lazy", bridge.Content().GetProperty("channel").GetProperty("id").GetString());
        Assert.Equal("Lazy chat", bridge.Content().GetProperty("channel").GetProperty("displayname").GetString());
        Assert.Equal(h.Bot.Value, bridge.Content().GetProperty("bridgebot").GetString());
        h.Host.Homeserver?.AssertNoSpecViolations();
    }

    [Fact]
    public async Task Remote_display_name_change_updates_the_ghost_in_the_room()
    {
        await using var h = await LoopbackHarness.StartAsync();
        var carol = h.Network.AddUser("carol", "Carol", "carol-pw");
        var me = await h.UserAsync("me");
        await h.LoginAsync(me, carol, "carol-pw");
        var room = await h.OpenPortalAsync(me, "profiles");
        var ghost = h.Ghost(h.Network.Alice).Value;
        Assert.Equal("Alice (Loopback)", DisplayName(await me.GetStateEventAsync(room, "m.room.member", ghost)));

        var changes = h.Network.Alice.SetDisplayName("Alice Liddell");

        Assert.Equal(RemoteEventResult.Bridged, await Assert.Single(changes).Acknowledged.WaitAsync(LoopbackHarness.Timeout));
        await me.WaitForEventAsync(room, e => e.Type() == "m.room.member" && e.GetProperty("state_key").GetString() == ghost
            && DisplayName(e) == "Alice Liddell (Loopback)");
        Assert.Equal("Alice Liddell (Loopback)", DisplayName(await me.GetStateEventAsync(room, "m.room.member", ghost)));

        // Later messages still come from the same ghost.
        h.Network.Alice.Send("profiles", "still me");
        Assert.Equal(ghost, (await me.WaitForMessageAsync(room, b => b == "still me")).Sender());
        h.Host.Homeserver?.AssertNoSpecViolations();
    }

    [Fact]
    public async Task Room_version_12_portal_is_created_with_the_bot_as_creator_and_ghosts_get_their_rank()
    {
        await using var h = await LoopbackHarness.StartAsync((c, _, _) => c["roomversion"] = "12");
        var carol = h.Network.AddUser("carol", "Carol", "carol-pw");
        var me = await h.UserAsync("me");
        await h.LoginAsync(me, carol, "carol-pw");
        var room = await h.OpenPortalAsync(me, "v12");
        var create = await me.GetStateEventAsync(room, "m.room.create");
        Assert.Equal("12", create?.Content().GetProperty("room_version").GetString());

        // A creator may not be listed in a version 12 room's power levels; the bot's power is the creator's.
        var levels = (await me.GetStateEventAsync(room, "m.room.power_levels"))!.Value.Content();
        Assert.False(levels.GetProperty("users").TryGetProperty(h.Bot.Value, out _));

        var alice = h.Network.Alice;
        Assert.Equal(RemoteEventResult.Bridged, await h.Network.Bob.Promote("v12", alice, 50).Acknowledged.WaitAsync(LoopbackHarness.Timeout));
        levels = (await me.GetStateEventAsync(room, "m.room.power_levels"))!.Value.Content();
        Assert.Equal(50, levels.GetProperty("users").GetProperty(h.Ghost(alice).Value).GetInt64());
        h.Host.Homeserver?.AssertNoSpecViolations();
    }

    [Fact]
    public async Task Power_level_sync_keeps_notifications_and_unknown_keys()
    {
        await using var h = await LoopbackHarness.StartAsync();
        var carol = h.Network.AddUser("carol", "Carol", "carol-pw");
        var me = await h.UserAsync("me");
        await h.LoginAsync(me, carol, "carol-pw");
        var room = await h.OpenPortalAsync(me, "keys");
        var levels = (JsonObject)JsonNode.Parse((await me.GetStateEventAsync(room, "m.room.power_levels"))!.Value.Content().GetRawText())!;
        levels["notifications"] = new JsonObject { ["room"] = 75 };
        levels["org.example.custom"] = new JsonObject { ["kept"] = true };
        await h.Bridge.Intents.Bot.SendStateAsync(room, "m.room.power_levels", string.Empty, levels, Bridges.Matrix.Events.MatrixJsonContext.Default.JsonObject, CancellationToken.None);

        Assert.Equal(RemoteEventResult.Bridged, await h.Network.Bob.Promote("keys", h.Network.Alice, 50).Acknowledged.WaitAsync(LoopbackHarness.Timeout));
        var after = (await me.GetStateEventAsync(room, "m.room.power_levels"))!.Value.Content();
        Assert.Equal(50, after.GetProperty("users").GetProperty(h.Ghost(h.Network.Alice).Value).GetInt64());
        Assert.Equal(75, after.GetProperty("notifications").GetProperty("room").GetInt64());
        Assert.True(after.GetProperty("org.example.custom").GetProperty("kept").GetBoolean());
    }

    private static string? DisplayName(JsonElement? member) =>
        member is { } m && m.Content().TryGetProperty("displayname", out var name) ? name.GetString() : null;
}
