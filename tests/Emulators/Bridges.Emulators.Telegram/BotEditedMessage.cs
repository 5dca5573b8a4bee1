using System.Text.Json.Nodes;

namespace Bridges.Emulators.Telegram;

/// <summary>An edit a bot made (editMessageText, editMessageCaption); <see cref="Message"/> is the edited Message.</summary>
public sealed record BotEditedMessage(string BotUsername, long ChatId, DateTimeOffset At, string Method, int MessageId, JsonObject Message)
    : BotAction(BotUsername, ChatId, At)
{
    /// <summary>The new text, for text messages.</summary>
    public string? Text => (string?)Message["text"];

    /// <summary>The new caption, for media messages.</summary>
    public string? Caption => (string?)Message["caption"];
}
