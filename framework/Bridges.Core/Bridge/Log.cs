using Microsoft.Extensions.Logging;

namespace Bridges.Core.Bridge;

internal static partial class Log
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Bridge {Network} started with {LoginCount} connected logins")]
    public static partial void Started(ILogger logger, string network, int loginCount);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Login {LoginId} failed to connect")]
    public static partial void LoginConnectFailed(ILogger logger, Exception exception, string loginId);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Created room {RoomId} for portal {PortalKey}")]
    public static partial void PortalCreated(ILogger logger, string roomId, string portalKey);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Remote event in {PortalKey} could not be bridged")]
    public static partial void RemoteEventFailed(ILogger logger, Exception exception, string portalKey);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Matrix event {EventId} in {RoomId} could not be sent to the network: {Reason}")]
    public static partial void MatrixEventFailed(ILogger logger, string eventId, string roomId, string reason);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Send of {EventId} failed transiently (attempt {Attempt}); retrying in {DelayMs} ms")]
    public static partial void RetryingSend(ILogger logger, string eventId, int attempt, long delayMs);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "Command {Command} by {UserId} failed")]
    public static partial void CommandFailed(ILogger logger, Exception exception, string command, string userId);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "Could not tell room {RoomId} about a failure")]
    public static partial void NoticeFailed(ILogger logger, Exception exception, string roomId);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Information, Message = "Alias {Alias} names {PortalKey}, which the network does not allow to be created")]
    public static partial void AliasRefused(ILogger logger, string alias, string portalKey);

    [LoggerMessage(EventId = 2020, Level = LogLevel.Information, Message = "Event {EventId} was being sent when the bridge stopped; the network says: {State}")]
    public static partial void DeliveryProbed(ILogger logger, string eventId, string state);

    [LoggerMessage(EventId = 2021, Level = LogLevel.Information, Message = "{Network}: sent {Count} message parts an earlier run left in the outbox")]
    public static partial void OutboxDrained(ILogger logger, string network, int count);

    [LoggerMessage(EventId = 2022, Level = LogLevel.Warning, Message = "Outbox part of {RemoteId} for {RoomId} could not be sent and is dropped: {Reason}")]
    public static partial void OutboxDropped(ILogger logger, string remoteId, string roomId, string reason);
}
