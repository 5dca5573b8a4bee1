namespace Bridges.Discord.Api;

// Gateway payloads of guild changes (the Gateway events docs), with the fields the bridge reads.

/// <summary>GUILD_MEMBER_ADD and GUILD_MEMBER_UPDATE: a guild member with the guild's id.</summary>
internal sealed record DiscordMemberEvent(string GuildId, DiscordUser User, IReadOnlyList<string>? Roles = null, string? Nick = null);

/// <summary>GUILD_MEMBER_REMOVE, GUILD_BAN_ADD and GUILD_BAN_REMOVE.</summary>
internal sealed record DiscordGuildUserEvent(string GuildId, DiscordUser User);

/// <summary>GUILD_ROLE_CREATE and GUILD_ROLE_UPDATE.</summary>
internal sealed record DiscordRoleEvent(string GuildId, DiscordRole Role);

/// <summary>GUILD_ROLE_DELETE.</summary>
internal sealed record DiscordRoleDeleteEvent(string GuildId, string RoleId);
