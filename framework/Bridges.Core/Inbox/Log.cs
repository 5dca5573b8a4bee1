using Microsoft.Extensions.Logging;

namespace Bridges.Core.Inbox;

internal static partial class Log
{
    [LoggerMessage(EventId = 2009, Level = LogLevel.Error, Message = "Handling event {EventId} in {RoomId} failed")]
    public static partial void EventHandlerFailed(ILogger logger, Exception exception, string eventId, string roomId);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Error, Message = "Handling ephemeral event {EventType} failed")]
    public static partial void EphemeralHandlerFailed(ILogger logger, Exception exception, string eventType);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Error, Message = "The inbox pump failed; retrying")]
    public static partial void PumpFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Error, Message = "Inbox item {Sequence} in {RoomId} cannot be read as an event; skipped")]
    public static partial void UnreadableInboxItem(ILogger logger, Exception? exception, long sequence, string roomId);

    [LoggerMessage(EventId = 2013, Level = LogLevel.Information, Message = "Handling event {EventId} in {RoomId} was cancelled; it stays in the inbox for the next start")]
    public static partial void EventHandlingCancelled(ILogger logger, string eventId, string roomId);
}
