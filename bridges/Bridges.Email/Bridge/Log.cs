using Microsoft.Extensions.Logging;

namespace Bridges.Email.Bridge;

/// <summary>The email plugin's log messages (event ids 13000+). No password or mail body is ever logged.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 13000, Level = LogLevel.Information, Message = "Mailbox {Login} connected to {Server}; INBOX UIDVALIDITY {UidValidity}, reading after UID {Uid} ({Mode})")]
    public static partial void Connected(ILogger logger, string login, string server, uint uidValidity, uint uid, string mode);

    [LoggerMessage(EventId = 13001, Level = LogLevel.Warning, Message = "Mailbox {Login}: reading INBOX failed; reconnecting in {Delay}")]
    public static partial void ReadFailed(ILogger logger, Exception exception, string login, TimeSpan delay);

    [LoggerMessage(EventId = 13002, Level = LogLevel.Warning, Message = "Mailbox {Login}: UIDVALIDITY changed from {Old} to {New}; re-reading mail since {Since} (the message map drops what was bridged)")]
    public static partial void UidValidityChanged(ILogger logger, string login, uint old, uint @new, DateTimeOffset since);

    [LoggerMessage(EventId = 13003, Level = LogLevel.Warning, Message = "Mailbox {Login}: mail UID {Uid} ({RemoteMessageId}) could not be bridged ({Result}); moving on")]
    public static partial void NotBridged(ILogger logger, string login, uint uid, string remoteMessageId, string result);

    [LoggerMessage(EventId = 13004, Level = LogLevel.Debug, Message = "Mailbox {Login}: mail UID {Uid} has no sender address; skipped")]
    public static partial void NoSender(ILogger logger, string login, uint uid);

    [LoggerMessage(EventId = 13005, Level = LogLevel.Debug, Message = "Mailbox {Login}: mail UID {Uid} ({RemoteMessageId}) into portal {PortalKey}: {Result}")]
    public static partial void Bridged(ILogger logger, string login, uint uid, string remoteMessageId, string portalKey, string result);

    [LoggerMessage(EventId = 13006, Level = LogLevel.Debug, Message = "Mailbox {Login}: sent {RemoteMessageId} in portal {PortalKey} to {Recipients} recipient(s)")]
    public static partial void Sent(ILogger logger, string login, string remoteMessageId, string portalKey, int recipients);

    [LoggerMessage(EventId = 13007, Level = LogLevel.Information, Message = "Mailbox {Login}: the IMAP server offers no IDLE; polling INBOX every {Interval}")]
    public static partial void Polling(ILogger logger, string login, TimeSpan interval);

    [LoggerMessage(EventId = 13008, Level = LogLevel.Warning, Message = "Mailbox {Login}: a mail was sent but its copy could not be appended to folder {Folder}")]
    public static partial void SentCopyFailed(ILogger logger, Exception exception, string login, string folder);
}
