namespace Bridges.Loopback;

/// <summary>What the bridge did on the network.</summary>
public enum LoopbackSentKind
{
    Message,
    Edit,
    Redaction,
    Reaction,
    ReactionRemoval,
    Typing,
    ReadReceipt,
}
