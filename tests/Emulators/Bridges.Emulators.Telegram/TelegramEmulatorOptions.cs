namespace Bridges.Emulators.Telegram;

/// <summary>Settings of a <see cref="TelegramBotApiEmulator"/>.</summary>
public sealed class TelegramEmulatorOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 (the default) picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>Clock for message dates and webhook error dates.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Whether webhooks may use plain http and any port. Telegram demands https on 443, 80, 88 or 8443; tests run
    /// their receivers on http://127.0.0.1, so this is on by default.
    /// </summary>
    public bool AllowInsecureWebhooks { get; set; } = true;

    /// <summary>Pause between attempts to deliver an update to a webhook that did not answer 2xx.</summary>
    public TimeSpan WebhookRetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long one webhook POST may take before it counts as failed.</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Whether URLs, @mentions, #hashtags, /commands, e-mail addresses and $cashtags in texts get entities of their
    /// own, as Telegram's server adds them.
    /// </summary>
    public bool DetectEntities { get; set; } = true;

    /// <summary>Largest file getFile serves (Telegram: 20 MB for bots).</summary>
    public long MaxDownloadBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Largest upload accepted (Telegram: 50 MB for bots; photos have their own limit).</summary>
    public long MaxUploadBytes { get; set; } = 50 * 1024 * 1024;

    /// <summary>Largest photo sendPhoto accepts (Telegram: 10 MB); larger ones must go as documents.</summary>
    public long MaxPhotoBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>
    /// Whether new bots start with privacy mode on, as on Telegram (BotFather /setprivacy): in groups where they are
    /// not administrators they see only commands, replies to their own messages, mentions of them and service messages.
    /// </summary>
    public bool PrivacyModeByDefault { get; set; } = true;

    /// <summary>
    /// Telegram's flood control for bots' sends; null turns it off. The default is Telegram's own limits, so a client
    /// that bursts sees 429s as it would in production.
    /// </summary>
    public TelegramFloodLimits? FloodLimits { get; set; } = new();
}
