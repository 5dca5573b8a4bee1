namespace Bridges.Irc.Client;

/// <summary>A registered session ended, or reconnecting stopped for good.</summary>
internal sealed class IrcDisconnectedEventArgs(IrcDisconnectReason reason, string? message, Exception? exception, bool willReconnect) : EventArgs
{
    public IrcDisconnectReason Reason { get; } = reason;

    /// <summary>Server ERROR text or a short description.</summary>
    public string? Message { get; } = message;

    public Exception? Exception { get; } = exception;

    /// <summary>True when the connection will try again by itself.</summary>
    public bool WillReconnect { get; } = willReconnect;
}
