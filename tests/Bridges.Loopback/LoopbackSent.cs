using Bridges.Core.Content;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;
using Bridges.Matrix.Ids;

namespace Bridges.Loopback;

/// <summary>One thing the bridge sent to the network, as the network recorded it.</summary>
/// <param name="Kind">What it was.</param>
/// <param name="Chat">The chat id.</param>
/// <param name="Account">The remote account it was sent as (the login's username, or <c>relaybot</c>).</param>
public sealed record LoopbackSent(LoopbackSentKind Kind, string Chat, string Account)
{
    /// <summary>For a message its new id; for an edit, redaction, reaction (removal) or read receipt the message it targets.</summary>
    public RemoteMessageId? MessageId { get; init; }

    /// <summary>The text of a message or the new text of an edit.</summary>
    public string? Text { get; init; }

    /// <summary>The whole content of a message or edit.</summary>
    public BridgedContent? Content { get; init; }

    /// <summary>The echo token the core attached to a message.</summary>
    public string? EchoToken { get; init; }

    /// <summary>Set when the message was relayed for someone without a login.</summary>
    public RelayInfo? Relay { get; init; }

    /// <summary>The Matrix user who caused it, where the core said.</summary>
    public UserId? MatrixSender { get; init; }

    /// <summary>For a message: the reply chain the core gave, nearest first.</summary>
    public IReadOnlyList<RemoteMessageId> ReplyChain { get; init; } = [];

    /// <summary>The emoji of a reaction or reaction removal.</summary>
    public string? Emoji { get; init; }

    /// <summary>The id the network gave a reaction, or the one a removal names.</summary>
    public RemoteReactionId? ReactionId { get; init; }

    /// <summary>For typing: started (true) or stopped (false).</summary>
    public bool? Typing { get; init; }
}
