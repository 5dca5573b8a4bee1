using Bridges.Core.Logins;

namespace Bridges.Core.Network;

/// <summary>
/// Optional: the network has a bridge-wide relay account (an IRC relay bot, a Telegram bot) that relays in
/// every portal without a relay of its own. The core connects it at start like a stored login.
/// </summary>
public interface IBuiltInRelay
{
    /// <summary>The relay login (its user id is the bridge bot's); null while the network has none (e.g. nothing configured).</summary>
    UserLogin? RelayLogin { get; }
}
