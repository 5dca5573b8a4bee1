using Bridges.Core.Network.Ids;

namespace Bridges.Core.Network;

/// <summary>The chat no longer exists on the network.</summary>
public sealed record RemoteChatDeleted(PortalKey Portal, EventSender Sender, DateTimeOffset Timestamp)
    : RemoteEvent(Portal, Sender, Timestamp);
