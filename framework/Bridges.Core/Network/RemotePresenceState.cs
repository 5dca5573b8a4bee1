namespace Bridges.Core.Network;

/// <summary>Presence as Matrix knows it.</summary>
public enum RemotePresenceState
{
    /// <summary>Online.</summary>
    Online,

    /// <summary>Away or idle.</summary>
    Unavailable,

    /// <summary>Gone.</summary>
    Offline,
}
