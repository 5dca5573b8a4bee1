namespace Bridges.Core.Permissions;

/// <summary>
/// Who may do what. Each list holds <c>*</c>, server names or full user ids; for a user, the most specific match
/// wins (user id, then server, then <c>*</c>), and among equally specific matches the highest level.
/// Lists rather than a map keyed by user id, because configuration keys cannot contain <c>:</c>.
/// </summary>
public sealed class PermissionsOptions
{
    /// <summary>May manage portals and relays and run admin commands.</summary>
    public List<string> Admin { get; set; } = [];

    /// <summary>May log in and use the bridge.</summary>
    public List<string> User { get; set; } = [];

    /// <summary>
    /// Their messages may be relayed. Anyone no rule matches gets this level too (put <c>*</c> under
    /// <see cref="None"/> to turn that off); the default is not written as <c>["*"]</c> because configuration
    /// binding appends to a list instead of replacing it.
    /// </summary>
    public List<string> Relay { get; set; } = [];

    /// <summary>Ignored by the bridge, whatever else matches less specifically.</summary>
    public List<string> None { get; set; } = [];
}
