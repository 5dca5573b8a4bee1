using Microsoft.Extensions.Logging;

namespace Bridges.Discord;

/// <summary>The Discord plugin's log messages (event ids 12000+). None carries a token.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 12000, Level = LogLevel.Information, Message = "Discord Gateway ready as {Username} ({UserId})")]
    public static partial void GatewayReady(ILogger logger, string username, string userId);

    [LoggerMessage(EventId = 12001, Level = LogLevel.Information, Message = "Discord Gateway session resumed at sequence {Sequence}")]
    public static partial void GatewayResumed(ILogger logger, int sequence);

    [LoggerMessage(EventId = 12002, Level = LogLevel.Warning, Message = "Discord Gateway connection dropped")]
    public static partial void GatewayDropped(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 12003, Level = LogLevel.Information, Message = "Discord Gateway closed with {Code} ({Reason})")]
    public static partial void GatewayClosed(ILogger logger, int code, string reason);

    [LoggerMessage(EventId = 12004, Level = LogLevel.Error, Message = "Discord Gateway stopped for good: close code {Code}, {Explanation}")]
    public static partial void GatewayFatal(ILogger logger, int code, string explanation);

    [LoggerMessage(EventId = 12005, Level = LogLevel.Information, Message = "Discord Gateway reconnecting in {Delay} (resume: {Resume})")]
    public static partial void GatewayReconnecting(ILogger logger, TimeSpan delay, bool resume);

    [LoggerMessage(EventId = 12006, Level = LogLevel.Warning, Message = "Discord Gateway heartbeat was not acknowledged; replacing the zombied connection")]
    public static partial void Zombie(ILogger logger);

    [LoggerMessage(EventId = 12007, Level = LogLevel.Information, Message = "Discord Gateway invalidated the session (resumable: {Resumable})")]
    public static partial void InvalidSession(ILogger logger, bool resumable);

    [LoggerMessage(EventId = 12008, Level = LogLevel.Warning, Message = "Discord dispatch {Type} could not be handled")]
    public static partial void DispatchFailed(ILogger logger, Exception exception, string type);

    [LoggerMessage(EventId = 12009, Level = LogLevel.Information, Message = "Discord rate limit on {Route}: waiting {RetryAfter} (global: {Global})")]
    public static partial void RateLimited(ILogger logger, string route, TimeSpan retryAfter, bool global);

    [LoggerMessage(EventId = 12010, Level = LogLevel.Information, Message = "Created the relay webhook {WebhookId} in Discord channel {ChannelId}")]
    public static partial void WebhookCreated(ILogger logger, string webhookId, string channelId);

    [LoggerMessage(EventId = 12011, Level = LogLevel.Warning, Message = "Discord message {MessageId} in channel {ChannelId} was not bridged ({Result})")]
    public static partial void NotBridged(ILogger logger, string messageId, string channelId, string result);

    [LoggerMessage(EventId = 12012, Level = LogLevel.Warning, Message = "Could not read Discord channel {ChannelId}")]
    public static partial void ChannelReadFailed(ILogger logger, Exception exception, string channelId);

    [LoggerMessage(EventId = 12050, Level = LogLevel.Warning, Message = "Could not ask Discord channel {ChannelId} whether an interrupted send arrived; sending again")]
    public static partial void ProbeFailed(ILogger logger, Exception exception, string channelId);

    [LoggerMessage(EventId = 12040, Level = LogLevel.Information, Message = "{FileName} is over the guild's {Limit}-byte upload limit; sent as a link")]
    public static partial void MediaAsLink(ILogger logger, string fileName, long limit);
}
