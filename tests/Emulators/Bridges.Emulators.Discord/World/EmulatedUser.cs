namespace Bridges.Emulators.Discord.World;

/// <summary>A Discord account in the emulated world: a person or a bot (which then has a token).</summary>
/// <param name="Id">The user's snowflake.</param>
/// <param name="Username">The unique username.</param>
/// <param name="GlobalName">The display name, if set.</param>
/// <param name="Avatar">The avatar hash, if any (served at <c>/avatars/{id}/{hash}.png</c>).</param>
/// <param name="Token">A bot's token; null for people.</param>
public sealed record EmulatedUser(string Id, string Username, string? GlobalName, string? Avatar, string? Token)
{
    /// <summary>Whether this is a bot account.</summary>
    public bool IsBot => Token is not null;
}
