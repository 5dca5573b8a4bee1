using System.Globalization;
using Bridges.Discord.Api;

namespace Bridges.Discord.Bridge;

/// <summary>
/// A member's permissions in a channel, computed as the permissions topic of the docs does: the owner has all; else
/// @everyone's bits with every role's added, all of them with ADMINISTRATOR; then in the channel the @everyone
/// overwrite, the member's role overwrites together (deny, then allow), and the member's own overwrite, in that order.
/// </summary>
internal static class DiscordPermissions
{
    public const ulong KickMembers = 1UL << 1;
    public const ulong BanMembers = 1UL << 2;
    public const ulong Administrator = 1UL << 3;
    public const ulong ManageChannels = 1UL << 4;
    public const ulong ViewChannel = 1UL << 10;
    public const ulong ManageMessages = 1UL << 13;
    public const ulong All = ulong.MaxValue;

    /// <summary>Overwrite types of the Overwrite Structure.</summary>
    private const int RoleOverwrite = 0, MemberOverwrite = 1;

    /// <summary>Permission bits from their decimal string; an unreadable value grants nothing.</summary>
    public static ulong Parse(string? value) =>
        ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var bits) ? bits : 0;

    /// <summary>The guild-wide permissions of a member with <paramref name="roles"/>.</summary>
    public static ulong Base(DiscordGuild guild, string userId, IReadOnlyList<string> roles)
    {
        if (guild.OwnerId == userId)
        {
            return All;
        }

        var byId = (guild.Roles ?? []).ToDictionary(r => r.Id, StringComparer.Ordinal);
        // The @everyone role has the guild's id.
        var permissions = byId.TryGetValue(guild.Id, out var everyone) ? Parse(everyone.Permissions) : 0;
        foreach (var role in roles)
        {
            if (byId.TryGetValue(role, out var known))
            {
                permissions |= Parse(known.Permissions);
            }
        }

        return (permissions & Administrator) != 0 ? All : permissions;
    }

    /// <summary>The member's permissions in <paramref name="channel"/> after its overwrites.</summary>
    public static ulong InChannel(DiscordGuild guild, DiscordChannel channel, string userId, IReadOnlyList<string> roles)
    {
        var permissions = Base(guild, userId, roles);
        if ((permissions & Administrator) != 0)
        {
            return All;
        }

        var overwrites = channel.PermissionOverwrites ?? [];
        if (overwrites.FirstOrDefault(o => o.Type == RoleOverwrite && o.Id == guild.Id) is { } everyone)
        {
            permissions = (permissions & ~Parse(everyone.Deny)) | Parse(everyone.Allow);
        }

        ulong allow = 0, deny = 0;
        foreach (var overwrite in overwrites.Where(o => o.Type == RoleOverwrite && o.Id != guild.Id && roles.Contains(o.Id, StringComparer.Ordinal)))
        {
            allow |= Parse(overwrite.Allow);
            deny |= Parse(overwrite.Deny);
        }

        permissions = (permissions & ~deny) | allow;
        if (overwrites.FirstOrDefault(o => o.Type == MemberOverwrite && o.Id == userId) is { } own)
        {
            permissions = (permissions & ~Parse(own.Deny)) | Parse(own.Allow);
        }

        return permissions;
    }

    /// <summary>
    /// The Matrix power of those permissions: admins (and the owner) 100, moderators (manage messages or the channel,
    /// kick or ban) 50, everyone else 0.
    /// </summary>
    public static int PowerLevel(ulong permissions) =>
        (permissions & Administrator) != 0 ? 100
        : (permissions & (ManageMessages | ManageChannels | KickMembers | BanMembers)) != 0 ? 50
        : 0;

    /// <summary>Whether the member sees the channel, and with what power; null when not.</summary>
    public static int? PowerIn(DiscordGuild guild, DiscordChannel channel, string userId, IReadOnlyList<string> roles)
    {
        var permissions = InChannel(guild, channel, userId, roles);
        return (permissions & ViewChannel) != 0 ? PowerLevel(permissions) : null;
    }
}
