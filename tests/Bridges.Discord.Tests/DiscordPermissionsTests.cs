using Bridges.Discord.Api;
using static Bridges.Discord.Bridge.DiscordPermissions;

namespace Bridges.Discord.Tests;

public sealed class DiscordPermissionsTests
{
    private const string GuildId = "100", Owner = "1", User = "2", Mods = "200", Admins = "201", Guests = "202";

    private static readonly DiscordGuild Guild = new(GuildId, "Tea party")
    {
        OwnerId = Owner,
        Roles =
        [
            new DiscordRole(GuildId, "@everyone", Str(ViewChannel | (1UL << 11))),
            new DiscordRole(Mods, "Mods", Str(ManageMessages)),
            new DiscordRole(Admins, "Admins", Str(Administrator)),
            new DiscordRole(Guests, "Guests", "0"),
        ],
    };

    private static string Str(ulong bits) => bits.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static DiscordChannel Channel(params DiscordOverwrite[] overwrites) => new("300", DiscordChannel.Text, GuildId, "general") { PermissionOverwrites = overwrites };

    private static DiscordOverwrite Role(string id, ulong allow = 0, ulong deny = 0) => new(id, 0, Str(allow), Str(deny));

    private static DiscordOverwrite Member(string id, ulong allow = 0, ulong deny = 0) => new(id, 1, Str(allow), Str(deny));

    [Fact]
    public void Everyone_sees_a_plain_channel_at_0_and_moderator_roles_rank_50()
    {
        Assert.Equal(0, PowerIn(Guild, Channel(), User, []));
        Assert.Equal(50, PowerIn(Guild, Channel(), User, [Mods]));
        Assert.Equal(ViewChannel | (1UL << 11) | ManageMessages, InChannel(Guild, Channel(), User, [Mods]));
    }

    [Theory]
    [InlineData(KickMembers)]
    [InlineData(BanMembers)]
    [InlineData(ManageChannels)]
    [InlineData(ManageMessages)]
    public void Kick_ban_and_manage_permissions_are_moderator_power(ulong permission) => Assert.Equal(50, PowerLevel(permission | ViewChannel));

    [Fact]
    public void The_owner_and_administrators_see_everything_at_100_whatever_the_overwrites()
    {
        var hidden = Channel(Role(GuildId, deny: ViewChannel), Member(Owner, deny: ViewChannel), Member(User, deny: ViewChannel));
        Assert.Equal(All, InChannel(Guild, hidden, Owner, []));
        Assert.Equal(100, PowerIn(Guild, hidden, Owner, []));
        Assert.Equal(100, PowerIn(Guild, hidden, User, [Admins]));
        Assert.Null(PowerIn(Guild, hidden, User, [Mods]));
    }

    [Fact]
    public void Overwrites_apply_everyone_then_roles_then_the_member()
    {
        // @everyone denied, a role allowed back, the member denied again: the member's own overwrite is last.
        var channel = Channel(Role(GuildId, deny: ViewChannel), Role(Guests, allow: ViewChannel), Member(User, deny: ViewChannel));
        Assert.Null(PowerIn(Guild, channel, "3", []));
        Assert.Equal(0, PowerIn(Guild, channel, "3", [Guests]));
        Assert.Null(PowerIn(Guild, channel, User, [Guests]));

        // Among the member's roles an allow beats a deny of the same bit.
        var mixed = Channel(Role(Mods, deny: ViewChannel), Role(Guests, allow: ViewChannel));
        Assert.Equal(50, PowerIn(Guild, mixed, User, [Mods, Guests]));
        Assert.Null(PowerIn(Guild, mixed, User, [Mods]));

        // A member overwrite can allow what @everyone's denies, and grant moderation in one channel only.
        var own = Channel(Role(GuildId, deny: ViewChannel), Member(User, allow: ViewChannel | ManageChannels));
        Assert.Equal(50, PowerIn(Guild, own, User, []));
        Assert.Equal(0, PowerIn(Guild, Channel(), User, []));
    }

    [Fact]
    public void Permissions_are_decimal_strings_and_unknown_roles_or_garbage_grant_nothing()
    {
        Assert.Equal(1UL << 40 | ViewChannel, Parse("1099511628800"));
        Assert.Equal(0UL, Parse("-1"));
        Assert.Equal(0UL, Parse("0x10"));
        Assert.Equal(0UL, Parse(null));
        Assert.Equal(0, PowerIn(Guild, Channel(), User, ["999"]));
        var noEveryone = Guild with { Roles = [] };
        Assert.Null(PowerIn(noEveryone, Channel(), User, []));
    }
}
