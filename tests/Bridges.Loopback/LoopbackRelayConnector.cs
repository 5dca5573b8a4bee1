using Bridges.Core.Logins;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;
using Bridges.Matrix.Ids;

namespace Bridges.Loopback;

/// <summary>The connector with a built-in relay: the <c>relaybot</c> account relays wherever a portal has no relay of its own.</summary>
internal sealed class LoopbackRelayConnector(LoopbackNetwork network, string name) : LoopbackConnector(network, name), IRelayProvider
{
    // The core replaces the user id with its bot's.
    public UserLogin RelayLogin { get; } = new(new UserLoginId(LoopbackNetwork.RelayAccount), UserId.Parse("@relaybot:loopback.invalid"), "Loopback relay");

    public IReadOnlyList<UserLogin> RelayLogins => [RelayLogin];

    public UserLoginId? RelayLoginFor(PortalKey portal) => RelayLogin.Id;
}
