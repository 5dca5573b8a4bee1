using Bridges.Core.Network.Ids;

namespace Bridges.Core.Network;

/// <summary>A reaction was added to a remote message.</summary>
public sealed record RemoteReaction(PortalKey Portal, EventSender Sender, DateTimeOffset Timestamp, RemoteMessageId TargetId, EmojiId Emoji, RemoteReactionId? ReactionId = null)
    : RemoteEvent(Portal, Sender, Timestamp);
