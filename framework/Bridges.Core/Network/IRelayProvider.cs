using Bridges.Core.Logins;
using Bridges.Core.Network.Ids;

namespace Bridges.Core.Network;

/// <summary>
/// Optional: the network has several bridge-wide relay accounts (one IRC relay bot per IRC network) and says which
/// one relays in a portal. The core connects them all at start.
/// </summary>
public interface IRelayProvider
{
    /// <summary>Every relay login (their user ids are the bridge bot's).</summary>
    IReadOnlyList<UserLogin> RelayLogins { get; }

    /// <summary>The relay for <paramref name="portal"/>, or null when none serves it.</summary>
    UserLoginId? RelayLoginFor(PortalKey portal);
}
