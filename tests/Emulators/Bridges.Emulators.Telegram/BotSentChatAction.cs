namespace Bridges.Emulators.Telegram;

/// <summary>A bot's sendChatAction (typing, upload_photo, …).</summary>
public sealed record BotSentChatAction(string BotUsername, long ChatId, DateTimeOffset At, string Action, int? ThreadId)
    : BotAction(BotUsername, ChatId, At);
