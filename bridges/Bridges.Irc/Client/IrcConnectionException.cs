namespace Bridges.Irc.Client;

/// <summary>The connection failed, was lost before a reply came, or could not register.</summary>
internal sealed class IrcConnectionException : Exception
{
    public IrcConnectionException()
    {
    }

    public IrcConnectionException(string message)
        : base(message)
    {
    }

    public IrcConnectionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public IrcConnectionException(string message, IrcDisconnectReason reason, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    public IrcDisconnectReason Reason { get; } = IrcDisconnectReason.ConnectionLost;
}
