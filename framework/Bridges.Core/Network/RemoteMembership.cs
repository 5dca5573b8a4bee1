using Bridges.Core.Network.Ids;

namespace Bridges.Core.Network;

/// <summary>Someone joined, left, was kicked or banned from a remote chat.</summary>
public sealed record RemoteMembership(PortalKey Portal, EventSender Sender, DateTimeOffset Timestamp, RemoteUserId Target, MembershipChange Change, string? Reason = null)
    : RemoteEvent(Portal, Sender, Timestamp);
