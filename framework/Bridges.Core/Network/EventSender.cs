using Bridges.Core.Network.Ids;

namespace Bridges.Core.Network;

/// <summary>Who sent a remote event.</summary>
/// <param name="User">The remote user.</param>
/// <param name="IsFromMe">True when the receiving login itself sent it (from another client): double puppeting applies.</param>
/// <param name="Login">The login that saw the event.</param>
public sealed record EventSender(RemoteUserId User, bool IsFromMe = false, UserLoginId? Login = null)
{
    /// <summary>
    /// A name (and avatar) this one message carries of its own, as a Discord webhook or another bridge's relay does.
    /// The message still comes from <see cref="User"/>'s ghost, shown under this profile (MSC4144) with a fallback.
    /// </summary>
    public MessageProfile? Profile { get; init; }
}
