using Bridges.Core.Network.Ids;

namespace Bridges.Core.Network;

/// <summary>Someone is typing (or stopped).</summary>
public sealed record RemoteTyping(PortalKey Portal, EventSender Sender, DateTimeOffset Timestamp, bool IsTyping, TimeSpan? Timeout = null)
    : RemoteEvent(Portal, Sender, Timestamp);
