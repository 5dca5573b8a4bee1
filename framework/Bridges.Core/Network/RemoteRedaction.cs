using Bridges.Core.Network.Ids;

namespace Bridges.Core.Network;

/// <summary>A remote message was deleted.</summary>
public sealed record RemoteRedaction(PortalKey Portal, EventSender Sender, DateTimeOffset Timestamp, RemoteMessageId TargetId)
    : RemoteEvent(Portal, Sender, Timestamp);
