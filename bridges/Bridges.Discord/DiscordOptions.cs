using System.ComponentModel.DataAnnotations;

namespace Bridges.Discord;

/// <summary>
/// The Discord bridge's own settings (config section <c>bridges:discord</c>, next to the core's bridge settings). The
/// token is plain text here only because configuration binds text; the bridge wraps it in a <c>Secret</c> at once.
/// </summary>
public sealed class DiscordOptions
{
    /// <summary>The config section.</summary>
    public const string SectionName = "bridges:discord";

    /// <summary>The bot's token from the Discord developer portal (Bot → Reset Token). Required.</summary>
    public string? BotToken { get; set; }

    /// <summary>The REST API base without the version (an emulator in tests); the bridge adds <c>/v10</c>.</summary>
    public string ApiBaseUrl { get; set; } = "https://discord.com/api";

    /// <summary>Where avatars and files are fetched (Discord's CDN; an emulator in tests).</summary>
    public string CdnBaseUrl { get; set; } = "https://cdn.discordapp.com";

    /// <summary>The Gateway URL; empty asks <c>GET /gateway/bot</c>, as Discord recommends.</summary>
    public string? GatewayUrl { get; set; }

    /// <summary>The name of the webhook the bridge creates in each channel to post Matrix users' messages under their names.</summary>
    [StringLength(80, MinimumLength = 1, ErrorMessage = "must be 1-80 characters")]
    public string WebhookName { get; set; } = "Matrix bridge";

    /// <summary>The first delay before reconnecting to the Gateway after a failure; it doubles per failure.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00", ErrorMessage = "must be between {1} and {2}")]
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay between Gateway reconnects.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00", ErrorMessage = "must be between {1} and {2}")]
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The most Discord members a channel's room lists (highest rank first), of those the Gateway told the bot about;
    /// 0 lists none, and ghosts then join as they speak.
    /// </summary>
    [Range(0, 100_000, ErrorMessage = "must be between {1} and {2}")]
    public int MaxPortalMembers { get; set; } = 500;
}
