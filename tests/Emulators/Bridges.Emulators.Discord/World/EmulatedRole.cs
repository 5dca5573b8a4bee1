namespace Bridges.Emulators.Discord.World;

/// <summary>A guild role; the @everyone role has the guild's id.</summary>
/// <param name="Id">The role's snowflake.</param>
/// <param name="GuildId">The guild it belongs to.</param>
/// <param name="Name">Its name.</param>
/// <param name="Permissions">Its permission bits (the docs' bitwise permission flags).</param>
/// <param name="Position">Its place in the role list.</param>
public sealed record EmulatedRole(string Id, string GuildId, string Name, long Permissions, int Position)
{
    /// <summary>What Discord gives @everyone in a new guild: see channels, send, embed, attach, read history, react, invite, change nickname.</summary>
    public const long DefaultEveryone = (1L << 0) | (1L << 6) | (1L << 10) | (1L << 11) | (1L << 14) | (1L << 15) | (1L << 16) | (1L << 18) | (1L << 26);
}
