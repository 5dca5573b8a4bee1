using Bridges.Core.Network.Ids;

namespace Bridges.Core.Network;

/// <summary>
/// The sender's profile changed (display name, avatar); the core updates their ghost everywhere. Profiles are
/// network-wide: <see cref="RemoteEvent.Portal"/> only orders the change among that chat's events, so push it to
/// any one portal the user is in. It never creates a portal.
/// </summary>
public sealed record RemoteUserInfoChanged(PortalKey Portal, EventSender Sender, DateTimeOffset Timestamp, UserInfo Info)
    : RemoteEvent(Portal, Sender, Timestamp);
