namespace Bridges.Emulators.Discord.World;

/// <summary>One user's reaction on a message: a unicode emoji (<see cref="EmojiId"/> null) or a custom one.</summary>
public sealed record EmulatedReaction(string UserId, string EmojiName, string? EmojiId);
