using Bridges.Core.Network.Ids;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Database;

/// <summary>A stored ghost: what profile the bridge last set for a remote user.</summary>
public sealed record GhostRecord
{
    public required RemoteUserId Id { get; init; }

    public string? DisplayName { get; init; }

    public string? AvatarId { get; init; }

    public MxcUri? AvatarUrl { get; init; }

    /// <summary>Plugin data as JSON.</summary>
    public string? Metadata { get; init; }
}
