using Bridges.Core.Content;

namespace Bridges.Core.Network;

/// <summary>A remote user's profile.</summary>
public sealed record UserInfo
{
    public string? DisplayName { get; init; }

    public MediaSource? Avatar { get; init; }

    /// <summary>A stable id of the avatar so the core re-uploads it only when it changed.</summary>
    public string? AvatarId { get; init; }
}
