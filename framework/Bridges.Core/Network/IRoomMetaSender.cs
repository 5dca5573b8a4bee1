using Bridges.Core.Logins;
using Bridges.Core.Network.Ids;

namespace Bridges.Core.Network;

/// <summary>Optional: room name and topic changes made in Matrix reach the network.</summary>
public interface IRoomMetaSender
{
    /// <summary>Sets the chat's topic.</summary>
    Task SendTopicAsync(PortalKey portal, string topic, BridgeUser sender, CancellationToken ct);

    /// <summary>Sets the chat's name (networks without names ignore it).</summary>
    Task SendNameAsync(PortalKey portal, string name, BridgeUser sender, CancellationToken ct);
}
