using Bridges.Core.Permissions;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Logins;

/// <summary>A Matrix user as the bridge sees them: id, display name and permission.</summary>
public sealed record BridgeUser(UserId UserId, PermissionLevel Permission, string? DisplayName = null);
