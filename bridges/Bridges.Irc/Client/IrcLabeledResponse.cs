namespace Bridges.Irc.Client;

/// <summary>Everything the server answered to one labeled command (labeled-response.md): a single message,
/// an <c>ACK</c>, or the content of the labeled batch (opener first).</summary>
internal sealed class IrcLabeledResponse(string label, IReadOnlyList<IrcMessage> messages, IrcBatch? batch)
{
    public string Label { get; } = label;

    public IReadOnlyList<IrcMessage> Messages { get; } = messages;

    /// <summary>The batch when the response was one, else null.</summary>
    public IrcBatch? Batch { get; } = batch;

    /// <summary>True when the server only acknowledged (<c>ACK</c>).</summary>
    public bool IsAck => Messages.Count == 1 && Messages[0].Command == IrcCommands.Ack;
}
