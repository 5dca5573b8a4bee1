using System.Text.Json;

namespace Bridges.Discord.Tests;

public sealed class ChannelUpdateTests
{
    private static readonly TimeSpan Timeout = DiscordBridgeHarness.Timeout;

    private static string? Type(JsonElement e) => e.GetProperty("type").GetString();

    [Fact]
    public async Task Renaming_and_retopicing_a_channel_renames_the_room_and_changes_its_topic()
    {
        await using var h = await DiscordBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("reader");
        var room = await h.JoinPortalAsync(matrix);

        h.Emulator.UpdateChannel(h.General, name: "tea-talk", topic: "Only tea");

        await matrix.WaitForStateAsync(room, "m.room.name", string.Empty, c => c?.GetProperty("name").GetString() == "tea-talk");
        await matrix.WaitForStateAsync(room, "m.room.topic", string.Empty, c => c?.GetProperty("topic").GetString() == "Only tea");

        // A topic removed on Discord empties the room's.
        h.Emulator.UpdateChannel(h.General, topic: string.Empty);
        await matrix.WaitForStateAsync(room, "m.room.topic", string.Empty, c => c?.GetProperty("topic").GetString() == string.Empty);
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Moving_a_channel_into_a_category_moves_its_room_into_that_space()
    {
        await using var h = await DiscordBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("reader");
        var room = await h.JoinPortalAsync(matrix, h.Random);
        var guild = await h.WaitForPortalRoomAsync(h.Guild.Id);
        await matrix.WaitForStateAsync(room, "m.space.parent", guild.Value, c => c is not null);

        h.Emulator.UpdateChannel(h.Random, parent: h.Category, position: 3);

        var category = await h.WaitForPortalRoomAsync(h.Category.Id);
        await matrix.WaitForStateAsync(room, "m.space.parent", category.Value, c => c is { } content && content.TryGetProperty("via", out _));
        await matrix.JoinAsync(category.Value);
        var child = await matrix.WaitForStateAsync(category, "m.space.child", room.Value, c => c is not null);
        Assert.Equal("000003", child!.Value.GetProperty("order").GetString());
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Deleting_a_channel_closes_the_portal()
    {
        await using var h = await DiscordBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("reader");
        var room = await h.JoinPortalAsync(matrix);

        h.Emulator.DeleteChannel(h.General);

        await matrix.WaitForEventAsync(room, e => Type(e) == "m.room.message"
            && e.GetProperty("content").GetProperty("body").GetString()!.Contains("deleted", StringComparison.Ordinal), Timeout);
        // The notice comes first, then the portal is forgotten and the bot leaves.
        using var deadline = new CancellationTokenSource(Timeout);
        while (await h.Host.Bridge.Bridge.GetPortalRoomAsync(DiscordBridgeHarness.PortalOf(h.General.Id), deadline.Token) is not null)
        {
            await Task.Delay(50, deadline.Token);
        }

        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Renaming_the_guild_renames_its_space()
    {
        await using var h = await DiscordBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("reader");
        await h.JoinPortalAsync(matrix);
        var space = await h.WaitForPortalRoomAsync(h.Guild.Id);
        await matrix.JoinAsync(space.Value);

        h.Emulator.RenameGuild(h.Guild, "Mad tea party");

        await matrix.WaitForStateAsync(space, "m.room.name", string.Empty, c => c?.GetProperty("name").GetString() == "Mad tea party");
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Changes_to_a_channel_without_a_room_create_none()
    {
        await using var h = await DiscordBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("reader");
        var room = await h.JoinPortalAsync(matrix);
        var carol = h.Emulator.AddUser("carol");

        // #random has no room: neither its rename nor a new member who can see it makes one.
        h.Emulator.UpdateChannel(h.Random, name: "chaos");
        h.Emulator.AddMember(h.Guild, carol);
        h.Emulator.UpdateChannel(h.General, name: "tea-talk");

        await matrix.WaitForMembershipAsync(room, h.GhostOf(carol), "join");
        await matrix.WaitForStateAsync(room, "m.room.name", string.Empty, c => c?.GetProperty("name").GetString() == "tea-talk");
        Assert.Null(await h.Host.Bridge.Bridge.GetPortalRoomAsync(DiscordBridgeHarness.PortalOf(h.Random.Id), CancellationToken.None));
        h.Emulator.AssertNoViolations();
    }
}
