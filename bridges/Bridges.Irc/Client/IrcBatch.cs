namespace Bridges.Irc.Client;

/// <summary>A server batch (batch.md) collected between <c>BATCH +ref</c> and <c>BATCH -ref</c>.</summary>
internal sealed class IrcBatch
{
    /// <summary>Cap on collected messages, so a hostile or broken server cannot grow a batch without bound.</summary>
    public const int MaxMessages = 10_000;

    private readonly List<IrcMessage> _messages = [];

    public IrcBatch(string reference, string type, IReadOnlyList<string> parameters, IrcMessage opener)
    {
        Reference = reference;
        Type = type;
        Parameters = parameters;
        Opener = opener;
    }

    /// <summary>Reference tag (opaque, case-sensitive).</summary>
    public string Reference { get; }

    /// <summary>Batch type, e.g. <c>netsplit</c>, <c>netjoin</c>, <c>draft/multiline</c>, <c>labeled-response</c>, <c>chathistory</c>.</summary>
    public string Type { get; }

    /// <summary>Parameters after the type (e.g. the target of a multiline batch).</summary>
    public IReadOnlyList<string> Parameters { get; }

    /// <summary>The <c>BATCH +ref</c> message (its tags carry label, msgid, client tags…).</summary>
    public IrcMessage Opener { get; }

    /// <summary>Reference of the enclosing batch, when nested.</summary>
    public string? ParentReference => Opener.BatchRef;

    /// <summary>Messages tagged with this batch, in arrival order (nested BATCH lines included).</summary>
    public IReadOnlyList<IrcMessage> Messages => _messages;

    /// <summary>True when messages were dropped because of <see cref="MaxMessages"/>.</summary>
    public bool Truncated { get; private set; }

    internal void Add(IrcMessage message)
    {
        if (_messages.Count >= MaxMessages)
        {
            Truncated = true;
            return;
        }

        _messages.Add(message);
    }
}
