namespace Bridges.Telegram;

/// <summary>
/// The Telegram bridge's own settings (config section <c>bridges:telegram</c>, next to the core's bridge settings).
/// The token is plain text here only because configuration binds text; the bridge wraps it in a <c>Secret</c> at once.
/// </summary>
public sealed class TelegramOptions
{
    /// <summary>The config section.</summary>
    public const string SectionName = "bridges:telegram";

    /// <summary>The bot's token from @BotFather (<c>&lt;id&gt;:&lt;secret&gt;</c>). Required.</summary>
    public string? BotToken { get; set; }

    /// <summary>The Bot API server (a self-hosted telegram-bot-api, or an emulator in tests).</summary>
    public string ApiBaseUrl { get; set; } = "https://api.telegram.org";

    /// <summary>How long one getUpdates long poll waits for updates, in seconds (0–50).</summary>
    public int PollingTimeout { get; set; } = 25;
}
