namespace Bridges.Emulators.Telegram;

/// <summary>
/// A bot's setMessageReaction: <see cref="Reactions"/> holds each reaction's emoji (or custom_emoji_id); empty
/// means the bot removed its reaction.
/// </summary>
public sealed record BotSetReaction(string BotUsername, long ChatId, DateTimeOffset At, int MessageId, IReadOnlyList<string> Reactions, bool IsBig)
    : BotAction(BotUsername, ChatId, At);
