namespace Bridges.Irc.Client;

/// <summary>A PRIVMSG/NOTICE/ACTION/TAGMSG/CTCP was received (echoes of our own included, see <see cref="IrcChatMessage.IsEcho"/>).</summary>
internal sealed class IrcChatMessageEventArgs(IrcChatMessage message) : EventArgs
{
    public IrcChatMessage Message { get; } = message;
}
