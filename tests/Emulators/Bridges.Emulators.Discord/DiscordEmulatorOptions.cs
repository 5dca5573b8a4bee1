namespace Bridges.Emulators.Discord;

/// <summary>How the emulator behaves where tests want it different from Discord's defaults.</summary>
public sealed class DiscordEmulatorOptions
{
    /// <summary>Requests per bucket per <see cref="BucketWindow"/> (Discord: 5 messages per 5 s per channel).</summary>
    public int BucketLimit { get; init; } = 5;

    /// <summary>The window of a per-route bucket. Tests shorten it so bursts meet limits without long waits.</summary>
    public TimeSpan BucketWindow { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Requests per second across all routes for one bot (Discord: 50).</summary>
    public int GlobalLimit { get; init; } = 50;

    /// <summary>The heartbeat interval sent in HELLO (Discord: 41250 ms).</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromMilliseconds(41250);

    /// <summary>The clock of rate limits and timestamps.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
