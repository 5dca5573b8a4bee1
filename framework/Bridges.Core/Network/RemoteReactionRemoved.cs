using Bridges.Core.Network.Ids;

namespace Bridges.Core.Network;

/// <summary>A reaction was removed.</summary>
public sealed record RemoteReactionRemoved(PortalKey Portal, EventSender Sender, DateTimeOffset Timestamp, RemoteMessageId TargetId, EmojiId Emoji)
    : RemoteEvent(Portal, Sender, Timestamp);
