using Bridges.Core.Network.Ids;

namespace Bridges.Core.Network;

/// <summary>
/// Optional on a client whose chats differ in what they take (a Discord guild's upload limit, a Telegram chat
/// without topics); without it the connector's <see cref="INetworkConnector.Capabilities"/> hold for every chat.
/// </summary>
public interface IChatCapabilities
{
    /// <summary>What <paramref name="portal"/> can carry.</summary>
    NetworkCapabilities CapabilitiesFor(PortalKey portal);
}
