using Bridges.Core.Network.Ids;

namespace Bridges.Core.Network;

/// <summary>
/// Optional on a client that sees only some portals (a personal bot is not in the relay bot's groups): the core sends
/// a user's Matrix messages through this login only in portals it serves, and relays elsewhere.
/// </summary>
public interface IPortalScope
{
    /// <summary>Whether this login can send in <paramref name="portal"/>.</summary>
    bool Serves(PortalKey portal);
}
