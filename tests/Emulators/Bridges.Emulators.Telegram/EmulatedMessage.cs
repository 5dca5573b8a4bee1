using System.Text.Json.Nodes;

namespace Bridges.Emulators.Telegram;

/// <summary>A message a simulated user sent (or a service message), with its wire form at that moment.</summary>
public sealed record EmulatedMessage(EmulatedChat Chat, int MessageId, JsonObject Message)
{
    /// <summary>The message_thread_id, if the message is in a topic or reply thread.</summary>
    public int? ThreadId => (int?)Message["message_thread_id"];
}
