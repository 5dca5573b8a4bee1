using Bridges.Core.Network.Ids;

namespace Bridges.Core.Network;

/// <summary>
/// The sender came online or went away or offline; the core sets their ghost's Matrix presence. Presence is
/// network-wide: <see cref="RemoteEvent.Portal"/> only orders it among one chat's events. It never creates a portal.
/// </summary>
/// <param name="Portal">Any portal the user is in (orders the change among its events).</param>
/// <param name="Sender">Whose presence changed.</param>
/// <param name="Timestamp">When.</param>
/// <param name="Presence">The new presence.</param>
/// <param name="StatusMessage">The remote status or away text, if any.</param>
public sealed record RemotePresence(PortalKey Portal, EventSender Sender, DateTimeOffset Timestamp, RemotePresenceState Presence, string? StatusMessage = null)
    : RemoteEvent(Portal, Sender, Timestamp);
