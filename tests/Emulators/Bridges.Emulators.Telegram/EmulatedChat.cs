namespace Bridges.Emulators.Telegram;

/// <summary>A chat of the simulated world.</summary>
/// <param name="Id">The chat id bots see (a private chat's id is the user's id).</param>
/// <param name="Type"><c>private</c>, <c>group</c> or <c>supergroup</c>, as on the wire.</param>
/// <param name="Title">The title of a group; null for a private chat.</param>
/// <param name="IsForum">True for a supergroup with topics.</param>
/// <param name="BotId">For a private chat, the bot it is with (private chats exist per bot).</param>
public sealed record EmulatedChat(long Id, string Type, string? Title, bool IsForum, long? BotId);
