using System.Text.Json.Nodes;

namespace Bridges.Emulators.Telegram;

/// <summary>A message a bot sent (sendMessage, sendPhoto, …); <see cref="Message"/> is the Message it got back.</summary>
public sealed record BotSentMessage(string BotUsername, long ChatId, DateTimeOffset At, string Method, int MessageId, JsonObject Message)
    : BotAction(BotUsername, ChatId, At)
{
    /// <summary>The text, for text messages.</summary>
    public string? Text => (string?)Message["text"];

    /// <summary>The caption, for media messages.</summary>
    public string? Caption => (string?)Message["caption"];

    /// <summary>The entities of the text or caption (empty when there are none).</summary>
    public JsonArray Entities => (Message["entities"] ?? Message["caption_entities"])?.AsArray() ?? [];

    /// <summary>The id of the message replied to, if any.</summary>
    public int? ReplyToMessageId => (int?)Message["reply_to_message"]?["message_id"];

    /// <summary>The message_thread_id, if any.</summary>
    public int? ThreadId => (int?)Message["message_thread_id"];
}
