using Bridges.Core.Logins;
using Bridges.Core.Network.Ids;

namespace Bridges.Core.Network;

/// <summary>A Matrix reaction on its way to the network.</summary>
public sealed record OutgoingReaction(PortalKey Portal, RemoteMessageId TargetId, string Key, BridgeUser Sender);
