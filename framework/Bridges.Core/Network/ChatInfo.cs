using Bridges.Core.Content;

namespace Bridges.Core.Network;

/// <summary>A chat's metadata; null members mean "unchanged / unknown".</summary>
public sealed record ChatInfo
{
    public string? Name { get; init; }

    public string? Topic { get; init; }

    public MediaSource? Avatar { get; init; }

    /// <summary>A stable id of the avatar so the core re-uploads it only when it changed.</summary>
    public string? AvatarId { get; init; }

    /// <summary>True for one-to-one chats (Matrix DMs).</summary>
    public bool IsDirect { get; init; }

    /// <summary>
    /// Whether any Matrix user may join a shared portal's room (public join rule), or only those invited (invite join
    /// rule). Null leaves it to the core: shared portals are public, per-login ones private. Read when the room is created.
    /// </summary>
    public bool? IsPublic { get; init; }

    /// <summary>Current members, when known; the core syncs ghosts to this list.</summary>
    public IReadOnlyList<ChatMember>? Members { get; init; }
}
