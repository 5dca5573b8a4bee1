using Bridges.Matrix.Ids;

namespace Bridges.Core.Permissions;

/// <summary>Resolves a user's permission from config keys: full user id, then server name, then <c>*</c>.</summary>
internal sealed class PermissionResolver(IReadOnlyDictionary<string, PermissionLevel> rules)
{
    public PermissionLevel For(UserId user) =>
        rules.TryGetValue(user.Value, out var exact) ? exact
        : rules.TryGetValue(user.Server, out var server) ? server
        : rules.TryGetValue("*", out var any) ? any
        : PermissionLevel.None;
}
