namespace Bridges.Irc.Client;

/// <summary>Any received protocol message, after the connection updated its own state for it.</summary>
internal sealed class IrcMessageEventArgs(IrcMessage message, IReadOnlyList<string>? sharedChannels = null) : EventArgs
{
    public IrcMessage Message { get; } = message;

    /// <summary>For a QUIT: the tracked channels the quitting user was in before the state update removed them
    /// (empty when members are not tracked).</summary>
    public IReadOnlyList<string> SharedChannels { get; } = sharedChannels ?? [];
}
