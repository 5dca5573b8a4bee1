using Microsoft.Extensions.Logging;

namespace Bridges.Telegram.Bridge;

/// <summary>The Telegram plugin's log messages (event ids 11000+).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 11000, Level = LogLevel.Information, Message = "Telegram bot @{Username} ({BotId}) connected; polling from offset {Offset}")]
    public static partial void Connected(ILogger logger, string? username, long botId, int offset);

    [LoggerMessage(EventId = 11001, Level = LogLevel.Warning, Message = "getUpdates failed; retrying in {Delay}")]
    public static partial void PollFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(EventId = 11002, Level = LogLevel.Warning, Message = "Telegram update {UpdateId} could not be bridged ({Result})")]
    public static partial void UpdateNotBridged(ILogger logger, int updateId, string result);

    [LoggerMessage(EventId = 11003, Level = LogLevel.Information, Message = "Telegram chat {OldChatId} became supergroup {NewChatId}; the portal stays")]
    public static partial void ChatMigrated(ILogger logger, long oldChatId, long newChatId);

    [LoggerMessage(EventId = 11004, Level = LogLevel.Warning, Message = "Could not read Telegram chat {ChatId}")]
    public static partial void ChatInfoFailed(ILogger logger, Exception exception, long chatId);

    [LoggerMessage(EventId = 11005, Level = LogLevel.Debug, Message = "Skipped Telegram update {UpdateId}: nothing to bridge")]
    public static partial void UpdateSkipped(ILogger logger, int updateId);

    [LoggerMessage(EventId = 11006, Level = LogLevel.Warning, Message = "Could not read the profile photos of Telegram user {UserId}")]
    public static partial void ProfileFailed(ILogger logger, Exception exception, long userId);

    [LoggerMessage(EventId = 11007, Level = LogLevel.Information, Message = "Telegram bot {BotId} receives updates by webhook at {Url}")]
    public static partial void WebhookSet(ILogger logger, long botId, Uri url);

    [LoggerMessage(EventId = 11008, Level = LogLevel.Warning, Message = "Webhook mode is on but the bridge has no public URL; bot {BotId} long-polls instead")]
    public static partial void NoWebhookUrl(ILogger logger, long botId);

    [LoggerMessage(EventId = 11009, Level = LogLevel.Warning, Message = "A Telegram webhook call for bot {BotId} was refused: {Reason}")]
    public static partial void WebhookRefused(ILogger logger, long botId, string reason);

    [LoggerMessage(EventId = 11010, Level = LogLevel.Warning, Message = "Telegram webhook update {UpdateId} failed; Telegram will send it again")]
    public static partial void WebhookUpdateFailed(ILogger logger, Exception exception, int updateId);

    [LoggerMessage(EventId = 11011, Level = LogLevel.Warning, Message = "Telegram bot @{Username} ({BotId}) has privacy mode on: in groups where it is not an administrator it sees only commands, replies to it and mentions of it. Disable it with @BotFather /setprivacy (then re-add the bot to its groups), or make the bot an administrator")]
    public static partial void PrivacyModeOn(ILogger logger, string? username, long botId);

    [LoggerMessage(EventId = 11012, Level = LogLevel.Warning, Message = "Could not check whether Telegram bot {BotId} is an administrator of chat {ChatId}")]
    public static partial void AdminCheckFailed(ILogger logger, Exception exception, long botId, long chatId);

    [LoggerMessage(EventId = 11013, Level = LogLevel.Information, Message = "Telegram refused {FileName} as a photo ({Reason}); sending it as a document")]
    public static partial void PhotoAsDocument(ILogger logger, string fileName, string reason);
}
