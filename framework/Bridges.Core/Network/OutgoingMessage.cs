using Bridges.Core.Content;
using Bridges.Core.Logins;
using Bridges.Core.Network.Ids;

namespace Bridges.Core.Network;

/// <summary>A Matrix message on its way to the network.</summary>
/// <param name="Portal">The chat.</param>
/// <param name="Content">The neutral content, HTML already sanitised, reply target resolved.</param>
/// <param name="Sender">The Matrix user who sent it.</param>
/// <param name="EchoToken">A token the plugin may attach where the network echoes it back (Discord nonce, IRC label).</param>
/// <param name="Relay">Set when relayed: the relay template was applied and this names the real sender.</param>
public sealed record OutgoingMessage(PortalKey Portal, BridgedContent Content, BridgeUser Sender, string EchoToken, RelayInfo? Relay = null)
{
    /// <summary>
    /// The reply chain as far as the message map knows it, nearest first: the message replied to, then the one it
    /// replied to, and so on (at most <see cref="MaxReplyChain"/>). Email builds <c>References</c> from it.
    /// Empty when the message is not a reply.
    /// </summary>
    public IReadOnlyList<RemoteMessageId> ReplyChain { get; init; } = [];

    /// <summary>How far back <see cref="ReplyChain"/> is followed.</summary>
    public const int MaxReplyChain = 32;
}
