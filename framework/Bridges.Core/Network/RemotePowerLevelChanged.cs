using Bridges.Core.Network.Ids;

namespace Bridges.Core.Network;

/// <summary>A remote user's power in a chat changed (an IRC op or voice, a group admin).</summary>
public sealed record RemotePowerLevelChanged(PortalKey Portal, EventSender Sender, DateTimeOffset Timestamp, RemoteUserId Target, int PowerLevel)
    : RemoteEvent(Portal, Sender, Timestamp);
