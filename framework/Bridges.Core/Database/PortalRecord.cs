using Bridges.Core.Network.Ids;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Database;

/// <summary>A stored portal.</summary>
public sealed record PortalRecord
{
    public required PortalKey Key { get; init; }

    /// <summary>The Matrix room, or null while it has not been created.</summary>
    public RoomId? RoomId { get; init; }

    public string? Name { get; init; }

    public string? Topic { get; init; }

    public string? AvatarId { get; init; }

    public MxcUri? AvatarUrl { get; init; }

    public bool IsDirect { get; init; }

    /// <summary>The login that relays for Matrix users without their own.</summary>
    public UserLoginId? RelayLogin { get; init; }

    /// <summary>The portal this one sits under (its room is the space holding this room), when the chat has a parent.</summary>
    public PortalKey? Parent { get; init; }

    /// <summary>Plugin data as JSON.</summary>
    public string? Metadata { get; init; }
}
