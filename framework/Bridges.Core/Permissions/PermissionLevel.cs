namespace Bridges.Core.Permissions;

/// <summary>What a Matrix user may do with the bridge, in increasing order.</summary>
public enum PermissionLevel
{
    /// <summary>Nothing; the bridge ignores them.</summary>
    None = 0,

    /// <summary>Their messages may be relayed through a relay login.</summary>
    Relay = 1,

    /// <summary>May log in and use the bridge.</summary>
    User = 2,

    /// <summary>May manage portals and relays and run admin commands.</summary>
    Admin = 3,
}
