using Bridges.Core.Network.Ids;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Database;

/// <summary>A bridged reaction: unique per (portal, target, sender, emoji) and by (room, event id).</summary>
public sealed record ReactionRecord
{
    public required PortalKey Portal { get; init; }

    public required RemoteMessageId TargetId { get; init; }

    public required RemoteUserId Sender { get; init; }

    public required EmojiId Emoji { get; init; }

    public required RoomId RoomId { get; init; }

    public required EventId EventId { get; init; }

    public RemoteReactionId? RemoteReactionId { get; init; }
}
