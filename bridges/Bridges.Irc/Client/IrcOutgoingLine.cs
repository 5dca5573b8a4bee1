namespace Bridges.Irc.Client;

/// <summary>A serialised line waiting in the send queue.</summary>
internal sealed class IrcOutgoingLine
{
    private int _sessionId;

    public IrcOutgoingLine(IrcMessage message, byte[] bytes, bool sensitive)
    {
        Message = message;
        Bytes = bytes;
        Sensitive = sensitive;
    }

    public IrcMessage Message { get; }

    /// <summary>Wire bytes including CR LF.</summary>
    public byte[] Bytes { get; }

    /// <summary>Carries a secret (AUTHENTICATE, PASS, NickServ…): logged as <c>***</c> only.</summary>
    public bool Sensitive { get; }

    /// <summary>Completes when the line was written to the socket; faults when it cannot be any more.</summary>
    public TaskCompletionSource Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Session the line was written in (0 while queued). Set by the send loop, read by the receive loop.</summary>
    public int SessionId
    {
        get => Volatile.Read(ref _sessionId);
        set => Volatile.Write(ref _sessionId, value);
    }
}
