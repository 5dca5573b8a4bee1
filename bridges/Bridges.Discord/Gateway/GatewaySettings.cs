namespace Bridges.Discord.Gateway;

/// <summary>Timing of reconnects: the first delay doubles per failure up to the maximum, with jitter.</summary>
internal sealed record GatewaySettings(TimeSpan ReconnectDelay, TimeSpan MaxReconnectDelay)
{
    public static GatewaySettings Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
}
