namespace Bridges.Emulators.Telegram;

/// <summary>Something a bot did through the API, recorded so tests can await and assert on it.</summary>
/// <param name="BotUsername">The bot that did it.</param>
/// <param name="ChatId">The chat it concerned.</param>
/// <param name="At">When the emulator handled it.</param>
public abstract record BotAction(string BotUsername, long ChatId, DateTimeOffset At);
