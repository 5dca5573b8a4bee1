using Bridges.Core.Content;
using Bridges.Core.Network.Ids;

namespace Bridges.Core.Network;

/// <summary>A remote message was edited.</summary>
public sealed record RemoteEdit(PortalKey Portal, EventSender Sender, DateTimeOffset Timestamp, RemoteMessageId TargetId, BridgedContent NewContent)
    : RemoteEvent(Portal, Sender, Timestamp);
