namespace Bridges.Core.Network;

/// <summary>What became of a pushed remote event.</summary>
public enum RemoteEventResult
{
    /// <summary>Bridged to Matrix.</summary>
    Bridged,

    /// <summary>Already bridged before (same remote id) or our own echo: nothing was done.</summary>
    Duplicate,

    /// <summary>Dropped on purpose (no portal and the event may not create one, or nothing to bridge).</summary>
    Ignored,

    /// <summary>Could not be bridged; the room was told.</summary>
    Failed,
}
