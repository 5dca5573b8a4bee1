using System.ComponentModel.DataAnnotations;

namespace Bridges.Telegram;

/// <summary>
/// The Telegram bridge's own settings (config section <c>bridges:telegram</c>, next to the core's bridge settings).
/// Tokens are plain text here only because configuration binds text; the bridge wraps them in a <c>Secret</c> at once.
/// </summary>
public sealed class TelegramOptions
{
    /// <summary>The config section.</summary>
    public const string SectionName = "bridges:telegram";

    /// <summary>
    /// The relay bot's token from @BotFather (<c>&lt;id&gt;:&lt;secret&gt;</c>): it relays in every group it is added to.
    /// Empty: no relay bot; only personal bots (<see cref="LoginKey"/>) are bridged.
    /// </summary>
    public string? BotToken { get; set; }

    /// <summary>
    /// Key (any long random text) that encrypts the tokens of personal bots users link with <c>login bot</c>
    /// (AES-256-GCM). Empty: personal bots are refused.
    /// </summary>
    public string? LoginKey { get; set; }

    /// <summary>The Bot API server (a self-hosted telegram-bot-api, or an emulator in tests).</summary>
    public string ApiBaseUrl { get; set; } = "https://api.telegram.org";

    /// <summary>How long one getUpdates long poll waits for updates, in seconds (0–50).</summary>
    [Range(0, 50, ErrorMessage = "must be between {1} and {2} seconds")]
    public int PollingTimeout { get; set; } = 25;

    /// <summary>
    /// Receive updates by webhook at <c>&lt;appservice.public_url&gt;&lt;path_prefix&gt;/_bridges/webhook/telegram-&lt;bot id&gt;</c>
    /// instead of long polling. Telegram calls only HTTPS on ports 443, 80, 88 or 8443, so public_url must be such an
    /// address (a reverse proxy in front of the listener). Each request carries a secret token the bridge checks.
    /// </summary>
    public bool Webhook { get; set; }

    /// <summary>
    /// Whether every Matrix user may join the portal of any group. Off: only portals of public Telegram chats (those
    /// with a @username) are publicly joinable; the others are invite-only, as their Telegram groups are.
    /// </summary>
    public bool PublicPortals { get; set; }
}
