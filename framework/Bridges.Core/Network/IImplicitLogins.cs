using Bridges.Core.Logins;
using Bridges.Core.Network.Ids;

namespace Bridges.Core.Network;

/// <summary>
/// Optional: networks where a Matrix user needs no explicit login to speak as themselves (IRC puppets: the bridge
/// opens a connection with a nick from a template). When such a user first acts in a portal, the core asks for a
/// login, stores and connects it, and sends through it.
/// </summary>
public interface IImplicitLogins
{
    /// <summary>A login for <paramref name="user"/> able to act in <paramref name="portal"/>, or null to fall back to the relay.</summary>
    Task<UserLogin?> CreateImplicitLoginAsync(BridgeUser user, PortalKey portal, CancellationToken ct);
}
