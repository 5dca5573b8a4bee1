namespace Bridges.Emulators.Telegram;

/// <summary>
/// How many messages a bot may send in a window before Telegram answers 429 "Too Many Requests: retry after N". The
/// defaults are Telegram's published limits (about one message a second per private chat, 20 a minute per group,
/// 30 a second overall). Tests may shorten the windows to keep bursts quick while keeping the counts.
/// </summary>
public sealed class TelegramFloodLimits
{
    /// <summary>Messages per <see cref="PrivateChatWindow"/> in one private chat.</summary>
    public int PrivateChatMessages { get; set; } = 1;

    /// <summary>The window of <see cref="PrivateChatMessages"/>.</summary>
    public TimeSpan PrivateChatWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Messages per <see cref="GroupWindow"/> in one group or supergroup.</summary>
    public int GroupMessages { get; set; } = 20;

    /// <summary>The window of <see cref="GroupMessages"/>.</summary>
    public TimeSpan GroupWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Messages per <see cref="GlobalWindow"/> across all chats of one bot.</summary>
    public int GlobalMessages { get; set; } = 30;

    /// <summary>The window of <see cref="GlobalMessages"/>.</summary>
    public TimeSpan GlobalWindow { get; set; } = TimeSpan.FromSeconds(1);
}
