namespace Bridges.Emulators.Discord.World;

/// <summary>
/// A guild's custom emoji, used in text as <c>&lt;:name:id&gt;</c> (<c>&lt;a:name:id&gt;</c> when animated); its image is
/// served at <c>/emojis/{id}.png</c> (<c>.gif</c> too when animated) as Discord's CDN does.
/// </summary>
/// <param name="Id">The emoji's snowflake.</param>
/// <param name="GuildId">The guild it belongs to.</param>
/// <param name="Name">Its name (2–32 word characters).</param>
/// <param name="Animated">Whether it is a GIF.</param>
/// <param name="Data">The file the CDN serves.</param>
public sealed record EmulatedEmoji(string Id, string GuildId, string Name, bool Animated, byte[] Data)
{
    /// <summary>How a message's content writes it.</summary>
    public string Markdown => $"<{(Animated ? "a" : string.Empty)}:{Name}:{Id}>";
}
