using System.Text.Json;
using Bridges.Core.Network.Ids;
using Bridges.Core.Tests.Support;
using Bridges.Loopback;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Tests;

/// <summary>Chats with a parent (a guild, a category) sit in the parent portal's space, in the network's order.</summary>
public sealed class SpaceTests
{
    [Fact]
    public async Task Chats_with_a_parent_sit_in_one_space_in_order_and_move_when_the_network_moves_them()
    {
        var network = new LoopbackNetwork();
        network.CreateChat("guild", "The Guild").IsSpace = true;
        network.CreateChat("guild2", "Another Guild").IsSpace = true;
        var general = network.CreateChat("general", "general");
        general.Parent = "guild";
        general.Order = "b\u0001";
        var random = network.CreateChat("random", "random");
        random.Parent = "guild";
        random.Order = "a";
        await using var h = await LoopbackHarness.StartAsync(network: network);
        var carol = h.Network.AddUser("carol", "Carol", "carol-pw");
        var me = await h.UserAsync("me");
        await h.LoginAsync(me, carol, "carol-pw");

        var generalRoom = await h.OpenPortalAsync(me, "general");
        var randomRoom = await h.OpenPortalAsync(me, "random");
        var space = await RoomOf(h, "guild");
        Assert.Equal(space, await RoomOf(h, "guild"));
        await me.JoinAsync(space.Value);

        var create = await StateAsync(me, space, "m.room.create");
        Assert.Equal("m.space", create!.Value.GetProperty("type").GetString());
        var generalChild = await StateAsync(me, space, "m.space.child", generalRoom.Value);
        // The spec's order is printable ASCII: the control character is gone.
        Assert.Equal("b", generalChild!.Value.GetProperty("order").GetString());
        Assert.Equal(["localhost"], generalChild.Value.GetProperty("via").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("a", (await StateAsync(me, space, "m.space.child", randomRoom.Value))!.Value.GetProperty("order").GetString());
        var parent = await StateAsync(me, generalRoom, "m.space.parent", space.Value);
        Assert.True(parent!.Value.GetProperty("canonical").GetBoolean());

        // Moved to the other guild: out of the first space, into the second.
        var moved = h.Network.Alice.MoveChat("random", "guild2");
        await moved.Acknowledged.WaitAsync(LoopbackHarness.Timeout);
        var space2 = await RoomOf(h, "guild2");
        await me.JoinAsync(space2.Value);
        Assert.Equal(["localhost"], (await StateAsync(me, space2, "m.space.child", randomRoom.Value))!.Value.GetProperty("via").EnumerateArray().Select(v => v.GetString()));
        Assert.Empty((await StateAsync(me, space, "m.space.child", randomRoom.Value))!.Value.GetProperty("via").EnumerateArray());
        Assert.Empty((await StateAsync(me, randomRoom, "m.space.parent", space.Value))!.Value.GetProperty("via").EnumerateArray());
        Assert.True((await StateAsync(me, randomRoom, "m.space.parent", space2.Value))!.Value.GetProperty("canonical").GetBoolean());
        Assert.Equal(new PortalKey(new PortalId("guild2")), (await h.Bridge.Stores.Portals.GetAsync(random.PortalKey, CancellationToken.None))!.Parent);
        h.Host.Homeserver?.AssertNoSpecViolations();
    }

    private static async Task<JsonElement?> StateAsync(Bridges.Testing.MatrixTestUser user, RoomId room, string type, string key = "") =>
        await user.GetStateEventAsync(room, type, key) is { } evt ? evt.GetProperty("content") : null;

    private static async Task<RoomId> RoomOf(LoopbackHarness h, string chat) =>
        await h.Bridge.GetPortalRoomAsync(new PortalKey(new PortalId(chat)), CancellationToken.None) ?? throw new InvalidOperationException($"no room for {chat}");
}
