using Bridges.Core.Content;
using Bridges.Core.Logins;
using Bridges.Core.Network.Ids;

namespace Bridges.Core.Network;

/// <summary>A Matrix edit on its way to the network.</summary>
public sealed record OutgoingEdit(PortalKey Portal, RemoteMessageId TargetId, BridgedContent NewContent, BridgeUser Sender);
