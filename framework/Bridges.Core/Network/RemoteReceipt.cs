using Bridges.Core.Network.Ids;

namespace Bridges.Core.Network;

/// <summary>Someone read up to a message.</summary>
public sealed record RemoteReceipt(PortalKey Portal, EventSender Sender, DateTimeOffset Timestamp, RemoteMessageId UpTo)
    : RemoteEvent(Portal, Sender, Timestamp);
