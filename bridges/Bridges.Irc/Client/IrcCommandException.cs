namespace Bridges.Irc.Client;

/// <summary>The server refused a command: an error numeric (e.g. 404, 474) or a standard-replies <c>FAIL</c>.</summary>
internal sealed class IrcCommandException : Exception
{
    public IrcCommandException()
    {
    }

    public IrcCommandException(string message)
        : base(message)
    {
    }

    public IrcCommandException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public IrcCommandException(IrcMessage reply)
        : base(Describe(reply))
    {
        Reply = reply;
    }

    /// <summary>The refusing message (numeric or FAIL).</summary>
    public IrcMessage? Reply { get; }

    /// <summary>The numeric (e.g. "404"), or the FAIL code (e.g. "REDACT_FORBIDDEN").</summary>
    public string? Code => Reply is null ? null : Reply.Command == IrcCommands.Fail ? Reply.Param(1) : Reply.Command;

    private static string Describe(IrcMessage reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return reply.Command == IrcCommands.Fail
            ? $"FAIL {reply.Param(0)} {reply.Param(1)}: {reply.LastParam}"
            : $"{reply.Command}: {string.Join(' ', reply.Params.Skip(1))}";
    }
}
