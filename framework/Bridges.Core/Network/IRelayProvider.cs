using Bridges.Core.Logins;
using Bridges.Core.Network.Ids;

namespace Bridges.Core.Network;

/// <summary>
/// Optional: the network has bridge-wide relay accounts (a Telegram bot, one IRC relay bot per IRC network) and says
/// which one relays in a portal that has no relay of its own. The core connects them all at start. This is the one
/// place that answers "who relays here".
/// </summary>
public interface IRelayProvider
{
    /// <summary>Every relay login (the core gives them the bridge bot's user id).</summary>
    IReadOnlyList<UserLogin> RelayLogins { get; }

    /// <summary>The relay for <paramref name="portal"/>, or null when none serves it.</summary>
    UserLoginId? RelayLoginFor(PortalKey portal);
}
