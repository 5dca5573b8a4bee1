using Microsoft.Extensions.Logging;

namespace Bridges.Irc.Bridge;

/// <summary>Log messages of the IRC bridge (EventIds 10100–10199; the client has 10000–10099). No secrets are logged.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 10100, Level = LogLevel.Warning, Message = "IRC connection of {Nick} failed ({Failures} in a row): {Reason}")]
    public static partial void LinkFailed(ILogger logger, string nick, int failures, string reason);

    [LoggerMessage(EventId = 10101, Level = LogLevel.Warning, Message = "{Network}: could not join {Channel}: {Reason}")]
    public static partial void JoinFailed(ILogger logger, string network, string channel, string reason);

    [LoggerMessage(EventId = 10102, Level = LogLevel.Error, Message = "{Network}: pushing {EventType} to {PortalKey} failed")]
    public static partial void PushFailed(ILogger logger, Exception exception, string network, string eventType, string portalKey);

    [LoggerMessage(EventId = 10103, Level = LogLevel.Information, Message = "{Network}: puppet {Nick} was idle and disconnects")]
    public static partial void PuppetIdle(ILogger logger, string network, string nick);

    [LoggerMessage(EventId = 10104, Level = LogLevel.Debug, Message = "{Network}: {Nick} got a notice from {Service}: {Text}")]
    public static partial void ServiceNotice(ILogger logger, string network, string nick, string service, string text);

    [LoggerMessage(EventId = 10105, Level = LogLevel.Warning, Message = "{Network}: could not save the network's CASEMAPPING")]
    public static partial void CaseMappingNotSaved(ILogger logger, Exception exception, string network);

    [LoggerMessage(EventId = 10106, Level = LogLevel.Warning, Message = "{Network}: puppet {Nick} is not logged in (SASL failed; NickServ fallback is off), its user is told")]
    public static partial void PuppetNotLoggedIn(ILogger logger, string network, string nick);

    [LoggerMessage(EventId = 10107, Level = LogLevel.Warning, Message = "{Network}: could not send a notice to {UserId}")]
    public static partial void NoticeFailed(ILogger logger, Exception exception, string network, string userId);

    [LoggerMessage(EventId = 10108, Level = LogLevel.Information, Message = "{Network}: RELAYMSG to {Channel} refused ({Reason}); sent as a templated message instead")]
    public static partial void RelayMsgRefused(ILogger logger, string network, string channel, string reason);

    [LoggerMessage(EventId = 10109, Level = LogLevel.Information, Message = "{Network}: CHATHISTORY of {Channel} refused ({Reason}); no backfill from it")]
    public static partial void ChatHistoryRefused(ILogger logger, string network, string channel, string reason);
}
