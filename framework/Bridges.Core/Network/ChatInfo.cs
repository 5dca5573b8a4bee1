using Bridges.Core.Network.Ids;
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

    /// <summary>
    /// The chat this one sits under (a Discord guild or category). The parent's portal room is created as a space
    /// holding this room; without a parent, a login's portal sits in the login's own space.
    /// </summary>
    public PortalKey? Parent { get; init; }

    /// <summary>Whether this chat holds others (a guild, a category): its room is created as an <c>m.space</c>.</summary>
    public bool IsSpace { get; init; }

    /// <summary>Where the chat sorts among its siblings in their space (<c>m.space.child</c> order; printable ASCII, 50 at most).</summary>
    public string? Order { get; init; }

    /// <summary>Current members, when known; the core syncs ghosts to this list.</summary>
    public IReadOnlyList<ChatMember>? Members { get; init; }
}
