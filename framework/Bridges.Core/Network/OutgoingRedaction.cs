using Bridges.Core.Logins;
using Bridges.Core.Network.Ids;

namespace Bridges.Core.Network;

/// <summary>A Matrix redaction on its way to the network.</summary>
public sealed record OutgoingRedaction(PortalKey Portal, RemoteMessageId TargetId, BridgeUser Sender);
