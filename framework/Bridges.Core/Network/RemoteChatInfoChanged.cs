using Bridges.Core.Network.Ids;

namespace Bridges.Core.Network;

/// <summary>The chat's name, topic or avatar changed.</summary>
public sealed record RemoteChatInfoChanged(PortalKey Portal, EventSender Sender, DateTimeOffset Timestamp, ChatInfo Info)
    : RemoteEvent(Portal, Sender, Timestamp);
