namespace Bridges.Emulators.Telegram;

/// <summary>A message a bot deleted (deleteMessage, or one of the ids of deleteMessages that existed).</summary>
public sealed record BotDeletedMessage(string BotUsername, long ChatId, DateTimeOffset At, int MessageId)
    : BotAction(BotUsername, ChatId, At);
