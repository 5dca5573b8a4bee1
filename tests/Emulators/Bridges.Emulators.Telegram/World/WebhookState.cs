namespace Bridges.Emulators.Telegram.World;

/// <summary>A bot's webhook as set by <c>setWebhook</c>, with its delivery state for <c>getWebhookInfo</c>.</summary>
internal sealed class WebhookState(string url, string? secretToken, int maxConnections, string? ipAddress)
{
    public string Url { get; } = url;

    public string? SecretToken { get; } = secretToken;

    public int MaxConnections { get; } = maxConnections;

    public string? IpAddress { get; } = ipAddress;

    public bool HasCustomCertificate { get; init; }

    public long? LastErrorDate { get; set; }

    public string? LastErrorMessage { get; set; }

    /// <summary>Stops this webhook's delivery loop (on deleteWebhook or a new setWebhook).</summary>
    public CancellationTokenSource Stop { get; } = new();
}
