using Microsoft.Extensions.Logging;

namespace Bridges.Irc.Client;

/// <summary>Source-generated log messages of the IRC client (EventIds 10000–10099). Secrets never appear:
/// sensitive lines are logged as their command followed by <c>***</c>.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 10000, Level = LogLevel.Debug, Message = "{Network}: connecting to {Host}:{Port} (TLS {Tls}) as {Nick}")]
    public static partial void Connecting(this ILogger logger, string network, string host, int port, bool tls, string nick);

    [LoggerMessage(EventId = 10001, Level = LogLevel.Information, Message = "{Network}: registered as {Nick} (caps: {Caps})")]
    public static partial void Registered(this ILogger logger, string network, string nick, string caps);

    [LoggerMessage(EventId = 10002, Level = LogLevel.Information, Message = "{Network}: {Nick} disconnected: {Reason} {Detail}")]
    public static partial void Disconnected(this ILogger logger, string network, string nick, IrcDisconnectReason reason, string? detail, Exception? exception);

    [LoggerMessage(EventId = 10003, Level = LogLevel.Information, Message = "{Network}: {Nick} reconnecting in {Delay} (attempt {Attempt})")]
    public static partial void ReconnectScheduled(this ILogger logger, string network, string nick, TimeSpan delay, int attempt);

    [LoggerMessage(EventId = 10004, Level = LogLevel.Warning, Message = "{Network}: {Nick} connection attempt failed: {Reason}")]
    public static partial void ConnectFailed(this ILogger logger, string network, string nick, IrcDisconnectReason reason, Exception? exception);

    [LoggerMessage(EventId = 10005, Level = LogLevel.Warning, Message = "{Network}: {Nick} gave up reconnecting after {Attempts} attempts")]
    public static partial void ReconnectGaveUp(this ILogger logger, string network, string nick, int attempts);

    [LoggerMessage(EventId = 10010, Level = LogLevel.Debug, Message = "{Network}: {Nick} requesting caps {Caps}")]
    public static partial void CapRequest(this ILogger logger, string network, string nick, string caps);

    [LoggerMessage(EventId = 10011, Level = LogLevel.Debug, Message = "{Network}: {Nick} cap change {Subcommand} {Caps}")]
    public static partial void CapChanged(this ILogger logger, string network, string nick, string subcommand, string caps);

    [LoggerMessage(EventId = 10020, Level = LogLevel.Information, Message = "{Network}: {Nick} logged in as {Account}")]
    public static partial void LoggedIn(this ILogger logger, string network, string nick, string account);

    [LoggerMessage(EventId = 10021, Level = LogLevel.Warning, Message = "{Network}: {Nick} SASL {Mechanism} failed: {Numeric} {Detail}")]
    public static partial void SaslFailed(this ILogger logger, string network, string nick, IrcSaslMechanism mechanism, string numeric, string? detail);

    [LoggerMessage(EventId = 10022, Level = LogLevel.Warning, Message = "{Network}: {Nick} SASL {Mechanism} not offered by the server")]
    public static partial void SaslUnavailable(this ILogger logger, string network, string nick, IrcSaslMechanism mechanism);

    [LoggerMessage(EventId = 10030, Level = LogLevel.Information, Message = "{Network}: nick {Nick} refused ({Numeric}), trying {Alternative}")]
    public static partial void NickRefused(this ILogger logger, string network, string nick, string numeric, string alternative);

    [LoggerMessage(EventId = 10040, Level = LogLevel.Trace, Message = "{Network}: {Nick} << {Line}")]
    public static partial void Received(this ILogger logger, string network, string nick, string line);

    [LoggerMessage(EventId = 10041, Level = LogLevel.Trace, Message = "{Network}: {Nick} >> {Line}")]
    public static partial void Sent(this ILogger logger, string network, string nick, string line);

    [LoggerMessage(EventId = 10042, Level = LogLevel.Warning, Message = "{Network}: {Nick} dropped an over-long line ({Bytes} bytes without LF)")]
    public static partial void LineTooLong(this ILogger logger, string network, string nick, long bytes);

    [LoggerMessage(EventId = 10050, Level = LogLevel.Warning, Message = "{Network}: {Nick} ping timeout ({Silence} without data)")]
    public static partial void PingTimeout(this ILogger logger, string network, string nick, TimeSpan silence);

    [LoggerMessage(EventId = 10051, Level = LogLevel.Information, Message = "{Network}: {Nick} server ERROR: {Detail}")]
    public static partial void ServerError(this ILogger logger, string network, string nick, string? detail);

    [LoggerMessage(EventId = 10060, Level = LogLevel.Error, Message = "{Network}: {Nick} event handler {Event} threw")]
    public static partial void HandlerFailed(this ILogger logger, string network, string nick, string @event, Exception exception);

    [LoggerMessage(EventId = 10061, Level = LogLevel.Error, Message = "{Network}: {Nick} failed to process {Command}")]
    public static partial void ProcessingFailed(this ILogger logger, string network, string nick, string command, Exception exception);

    [LoggerMessage(EventId = 10070, Level = LogLevel.Information, Message = "{Network}: {Nick} {Kind} {Command} {Code}: {Description}")]
    public static partial void StandardReply(this ILogger logger, string network, string nick, string kind, string? command, string? code, string? description);

    [LoggerMessage(EventId = 10080, Level = LogLevel.Debug, Message = "{Network}: {Nick} answered CTCP {Ctcp} from {From}")]
    public static partial void CtcpAnswered(this ILogger logger, string network, string nick, string ctcp, string from);
}
