namespace Bridges.Irc.Client;

/// <summary>A server batch closed. Its messages were also delivered one by one as they arrived
/// (<see cref="IIrcConnection.MessageReceived"/>), except multiline/chathistory chat lines which only come here
/// and, for multiline, as one combined <see cref="IrcChatMessage"/>.</summary>
internal sealed class IrcBatchEventArgs(IrcBatch batch) : EventArgs
{
    public IrcBatch Batch { get; } = batch;
}
