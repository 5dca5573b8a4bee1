namespace Bridges.Core.Network;

/// <summary>What the network can carry; the core adapts (splits, falls back) to it.</summary>
public sealed record NetworkCapabilities
{
    /// <summary>Longest text the network takes in one message, in characters; 0 for no limit.</summary>
    public int MaxTextLength { get; init; }

    /// <summary>Whether formatting survives the trip (otherwise the plain body is sent).</summary>
    public bool Formatting { get; init; } = true;

    /// <summary>Whether threads exist.</summary>
    public bool Threads { get; init; }

    /// <summary>Whether files can be sent (otherwise media go as links).</summary>
    public bool Media { get; init; }

    /// <summary>Largest file the network takes, in bytes; 0 for no limit.</summary>
    public long MaxMediaBytes { get; init; }
}
