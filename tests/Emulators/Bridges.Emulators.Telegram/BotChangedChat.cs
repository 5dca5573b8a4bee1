namespace Bridges.Emulators.Telegram;

/// <summary>A bot's setChatTitle (<see cref="Title"/> set) or setChatPhoto (<see cref="Title"/> null).</summary>
public sealed record BotChangedChat(string BotUsername, long ChatId, DateTimeOffset At, string Method, string? Title)
    : BotAction(BotUsername, ChatId, At);
