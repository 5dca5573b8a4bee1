using Bridges.Emulators.Discord.World;

namespace Bridges.Discord.Tests;

public sealed class MembersTests
{
    private const long ViewChannel = 1L << 10, ManageMessages = 1L << 13, Administrator = 1L << 3;

    /// <summary>Discord's 100 for owners and administrators: the core keeps ghosts one below the bridge bot (100 in this room version).</summary>
    private const long AdminLevel = 99;

    [Fact]
    public async Task A_new_room_lists_the_guild_members_ranked_by_their_roles()
    {
        await using var h = await DiscordBridgeHarness.StartAsync();
        var mods = h.Emulator.CreateRole(h.Guild, "Mods", EmulatedRole.DefaultEveryone | ManageMessages);
        var carol = h.Emulator.AddUser("carol", "Carol");
        h.Emulator.AddMember(h.Guild, carol, mods);
        var matrix = await h.Host.CreateUserAsync("reader");

        h.Emulator.Post(h.General, h.Bob, "hello");
        var room = await h.WaitForPortalRoomAsync(h.General.Id);
        await matrix.JoinAsync(room.Value);

        // Alice did not speak: she is in the room as a member, at the owner's rank; Carol's role makes her a moderator.
        await matrix.WaitForMembershipAsync(room, h.GhostOf(h.Alice), "join");
        await matrix.WaitForMembershipAsync(room, h.GhostOf(carol), "join");
        var levels = await matrix.WaitForStateAsync(room, "m.room.power_levels", string.Empty, c => RoomStateWaits.LevelOf(c, h.GhostOf(carol)) == 50);
        Assert.Equal(AdminLevel, RoomStateWaits.LevelOf(levels, h.GhostOf(h.Alice)));
        Assert.Equal(0, RoomStateWaits.LevelOf(levels, h.GhostOf(h.Bob)));
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task A_member_an_overwrite_hides_the_channel_from_is_not_in_its_room_until_it_is_lifted()
    {
        await using var h = await DiscordBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("reader");
        h.Emulator.UpdateChannel(h.General, overwrites: [EmulatedOverwrite.For(h.Bob, deny: ViewChannel)]);

        h.Emulator.Post(h.General, h.Alice, "secret tea");
        h.Emulator.Post(h.Random, h.Alice, "open tea");
        var general = await h.WaitForPortalRoomAsync(h.General.Id);
        var random = await h.WaitForPortalRoomAsync(h.Random.Id);
        await matrix.JoinAsync(general.Value);
        await matrix.JoinAsync(random.Value);
        await matrix.WaitForMessageAsync(general, b => b == "secret tea", DiscordBridgeHarness.Timeout);

        // Bob sees #random but not #general.
        await matrix.WaitForMembershipAsync(random, h.GhostOf(h.Bob), "join");
        Assert.Null(RoomStateWaits.Membership((await matrix.GetStateEventAsync(general, "m.room.member", h.GhostOf(h.Bob)))?.GetProperty("content")));

        h.Emulator.UpdateChannel(h.General, overwrites: []);
        await matrix.WaitForMembershipAsync(general, h.GhostOf(h.Bob), "join");
        h.Emulator.UpdateChannel(h.General, overwrites: [EmulatedOverwrite.For(h.Emulator.EveryoneRole(h.Guild), deny: ViewChannel)]);
        await matrix.WaitForMembershipAsync(general, h.GhostOf(h.Bob), "leave");
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Max_portal_members_keeps_the_highest_ranked()
    {
        await using var h = await DiscordBridgeHarness.StartAsync(configure: c => c["bridges:discord:maxportalmembers"] = "1");
        var matrix = await h.Host.CreateUserAsync("reader");

        var room = await h.JoinPortalAsync(matrix);

        // The members join before their ranks are set, so once Alice (the owner) has hers, Bob would be in by now.
        await matrix.WaitForLevelAsync(room, h.GhostOf(h.Alice), AdminLevel);
        Assert.Null(RoomStateWaits.Membership((await matrix.GetStateEventAsync(room, "m.room.member", h.GhostOf(h.Bob)))?.GetProperty("content")));
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Joining_and_leaving_the_guild_joins_and_leaves_the_rooms()
    {
        await using var h = await DiscordBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("reader");
        var room = await h.JoinPortalAsync(matrix);
        var carol = h.Emulator.AddUser("carol", "Carol");

        h.Emulator.AddMember(h.Guild, carol);
        var joined = await matrix.WaitForMembershipAsync(room, h.GhostOf(carol), "join");
        Assert.Equal("Carol (Discord)", joined!.Value.GetProperty("displayname").GetString());

        h.Emulator.RemoveMember(h.Guild, carol);
        await matrix.WaitForMembershipAsync(room, h.GhostOf(carol), "leave");
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Roles_given_changed_and_taken_set_the_ghosts_power()
    {
        await using var h = await DiscordBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("reader");
        var room = await h.JoinPortalAsync(matrix);
        await matrix.WaitForMembershipAsync(room, h.GhostOf(h.Bob), "join");
        var mods = h.Emulator.CreateRole(h.Guild, "Mods", EmulatedRole.DefaultEveryone | ManageMessages);

        h.Emulator.SetRoles(h.Guild, h.Bob, mods);
        await matrix.WaitForLevelAsync(room, h.GhostOf(h.Bob), 50);

        // The role itself changes: administrators rank as admins.
        mods = h.Emulator.UpdateRole(mods, Administrator);
        await matrix.WaitForLevelAsync(room, h.GhostOf(h.Bob), AdminLevel);

        h.Emulator.DeleteRole(mods);
        await matrix.WaitForLevelAsync(room, h.GhostOf(h.Bob), 0);
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task A_ban_bans_the_ghost_from_the_rooms_it_was_in()
    {
        await using var h = await DiscordBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("reader");
        var room = await h.JoinPortalAsync(matrix);
        await matrix.WaitForMembershipAsync(room, h.GhostOf(h.Bob), "join");

        h.Emulator.Ban(h.Guild, h.Bob);

        var banned = await matrix.WaitForMembershipAsync(room, h.GhostOf(h.Bob), "ban");
        Assert.Equal("Banned from the Discord server", banned!.Value.GetProperty("reason").GetString());
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task A_new_global_name_renames_the_ghost_but_a_nickname_does_not()
    {
        await using var h = await DiscordBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("reader");
        var room = await h.JoinPortalAsync(matrix);
        await matrix.WaitForMembershipAsync(room, h.GhostOf(h.Bob), "join");

        h.Emulator.RenameUser(h.Bob, "Bobby Tables");

        await matrix.WaitForStateAsync(room, "m.room.member", h.GhostOf(h.Bob),
            c => c is { } content && content.TryGetProperty("displayname", out var name) && name.GetString() == "Bobby Tables (Discord)");
        h.Emulator.AssertNoViolations();
    }
}
