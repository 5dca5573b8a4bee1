using Bridges.Core.Logins;
using Bridges.Core.Network.Ids;

namespace Bridges.Core.Network;

/// <summary>A Matrix reaction removal on its way to the network.</summary>
public sealed record OutgoingReactionRemoval(PortalKey Portal, RemoteMessageId TargetId, string Key, RemoteReactionId? ReactionId, BridgeUser Sender);
