namespace Bridges.Emulators.Telegram;

/// <summary>A forum topic; <paramref name="ThreadId"/> is the message_thread_id of its messages.</summary>
public sealed record EmulatedTopic(EmulatedChat Chat, int ThreadId, string Name);
