namespace Bridges.Emulators.Discord.World;

/// <summary>A guild (server).</summary>
/// <param name="Id">The guild's snowflake.</param>
/// <param name="Name">Its name.</param>
/// <param name="OwnerId">Who owns it.</param>
/// <param name="PremiumTier">Boost level 0–3; it sets the upload limit.</param>
public sealed record EmulatedGuild(string Id, string Name, string OwnerId, int PremiumTier = 0);
