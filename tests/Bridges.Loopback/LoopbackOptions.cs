namespace Bridges.Loopback;

/// <summary>The loopback network's own settings, read from its bridge section (<c>bridges:loopback</c>).</summary>
public sealed class LoopbackOptions
{
    /// <summary>Whether the network has a bridge-wide relay account (<c>relaybot</c>) that the core connects at start.</summary>
    public bool BuiltInRelay { get; set; }
}
