using Bridges.Core.Content;
using Bridges.Core.Network.Ids;

namespace Bridges.Core.Network;

/// <summary>A new remote message.</summary>
public sealed record RemoteMessage(PortalKey Portal, EventSender Sender, DateTimeOffset Timestamp, RemoteMessageId Id, BridgedContent Content, string? EchoToken = null)
    : RemoteEvent(Portal, Sender, Timestamp);
