using Bridges.Matrix.Ids;

namespace Bridges.Core.Permissions;

/// <summary>Resolves a user's permission: the most specific rule wins (user id, then server, then <c>*</c>).</summary>
internal sealed class PermissionResolver(PermissionsOptions options)
{
    private readonly (PermissionLevel Level, List<string> Entries)[] _rules =
    [
        (PermissionLevel.Admin, options.Admin), (PermissionLevel.User, options.User), (PermissionLevel.Relay, options.Relay), (PermissionLevel.None, options.None),
    ];

    public PermissionLevel For(UserId user) =>
        Match(user.Value) ?? Match(user.Server) ?? Match("*") ?? PermissionLevel.Relay;

    private PermissionLevel? Match(string key)
    {
        PermissionLevel? best = null;
        foreach (var (level, entries) in _rules)
        {
            if (entries.Contains(key, StringComparer.OrdinalIgnoreCase) && (best is null || level > best))
            {
                best = level;
            }
        }

        // An explicit "none" for this exact key overrides any grant at the same specificity.
        return options.None.Contains(key, StringComparer.OrdinalIgnoreCase) ? PermissionLevel.None : best;
    }
}
