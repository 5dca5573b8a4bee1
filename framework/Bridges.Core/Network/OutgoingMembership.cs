using Bridges.Core.Logins;
using Bridges.Core.Network.Ids;

namespace Bridges.Core.Network;

/// <summary>A Matrix membership change on its way to the network.</summary>
/// <param name="Portal">The chat.</param>
/// <param name="Sender">The Matrix user who made the change.</param>
/// <param name="Target">The remote user affected, or null when the sender changed their own membership.</param>
/// <param name="Change">What happened.</param>
/// <param name="Reason">The reason given, if any.</param>
public sealed record OutgoingMembership(PortalKey Portal, BridgeUser Sender, RemoteUserId? Target, MembershipChange Change, string? Reason);
