namespace Bridges.Irc.Client;

/// <summary>Any received protocol message, after the connection updated its own state for it.</summary>
internal sealed class IrcMessageEventArgs(IrcMessage message) : EventArgs
{
    public IrcMessage Message { get; } = message;
}
