namespace Bridges.Irc.Client;

/// <summary>
/// IRCv3 <c>draft/chathistory</c>: a CHATHISTORY query answered with one <c>chathistory</c> batch. Its lines never
/// reach <see cref="ChatMessageReceived"/> (they are history, not new messages); the query returns them instead.
/// </summary>
internal sealed partial class IrcConnection
{
    // One query at a time: answers carry no label to tell two queries for one target apart.
    private readonly SemaphoreSlim _historyGate = new(1, 1);

    /// <summary>True when this session can query history (the server offers draft/chathistory and batches).</summary>
    public bool SupportsChatHistory => IsCapabilityEnabled(IrcChatHistoryRequest.Capability) && IsCapabilityEnabled("batch");

    /// <summary>
    /// Runs <paramref name="request"/> and returns the messages of the answer, oldest first (PRIVMSG, NOTICE and ACTION;
    /// a nested multiline batch as one message). Throws <see cref="IrcCommandException"/> when the server refuses
    /// (<c>FAIL CHATHISTORY</c>) and <see cref="InvalidOperationException"/> when the session cannot query history.
    /// </summary>
    public async Task<IReadOnlyList<IrcChatMessage>> ChatHistoryAsync(IrcChatHistoryRequest request, CancellationToken ct)
    {
        if (!SupportsChatHistory)
        {
            throw new InvalidOperationException($"The server does not offer {IrcChatHistoryRequest.Capability}.");
        }

        await _historyGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var collector = new HistoryCollector(request.Target, ISupport.CaseMapping);
            var lines = await AwaitReplyAsync(request.ToMessage(ISupport.GetInt("CHATHISTORY")), collector.Match, ct).ConfigureAwait(false);
            return ToChatMessages(collector, lines);
        }
        finally
        {
            _historyGate.Release();
        }
    }

    private List<IrcChatMessage> ToChatMessages(HistoryCollector collector, IReadOnlyList<IrcMessage> lines)
    {
        var messages = new List<IrcChatMessage>();
        var multiline = new Dictionary<string, IrcBatch>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (line.BatchRef is { } inner && multiline.TryGetValue(inner, out var open))
            {
                open.Add(line);
            }
            else if (line.BatchRef != collector.Reference)
            {
                continue;
            }
            else if (line.Command == IrcCommands.Batch && line.Param(0) is { Length: > 1 } r && r[0] == '+' && line.Param(1) == "draft/multiline")
            {
                multiline[r[1..]] = new IrcBatch(r[1..], "draft/multiline", [.. line.Params.Skip(2)], line);
            }
            else if (line.Command == IrcCommands.Batch && line.Param(0) is { Length: > 1 } end && end[0] == '-'
                && multiline.Remove(end[1..], out var closed) && BuildMultilineMessage(closed, FromSelf(closed.Opener)) is { } combined)
            {
                messages.Add(combined);
            }
            else if (line.Command is IrcCommands.Privmsg or IrcCommands.Notice && BuildChatMessage(line, FromSelf(line)) is { } chat)
            {
                messages.Add(chat);
            }
        }

        return messages;
    }

    private bool FromSelf(IrcMessage line) => line.Source is { } source && ISupport.CaseMapping.Equals(IrcSource.Parse(source).Nick, Nick);

    /// <summary>Picks the answer out of the receive stream: the chathistory batch for the target and everything inside it.</summary>
    private sealed class HistoryCollector(string target, IrcCaseMapping caseMapping)
    {
        private readonly HashSet<string> _inside = new(StringComparer.Ordinal);

        /// <summary>The reference of the answer's batch, once it opened.</summary>
        public string? Reference { get; private set; }

        public ReplyMatch Match(IrcMessage m)
        {
            if (Reference is null)
            {
                if (m.Command == IrcCommands.Batch && m.BatchRef is null && m.Param(0) is { Length: > 1 } open && open[0] == '+'
                    && m.Param(1) == "chathistory" && m.Param(2) is { } t && caseMapping.Equals(t, target))
                {
                    Reference = open[1..];
                    _inside.Add(Reference);
                    return ReplyMatch.Collect;
                }

                return m.Command == IrcCommands.Fail && m.Param(0) == IrcCommands.ChatHistory
                    || m.Command == IrcCommands.ErrUnknownCommand && m.Param(1) == IrcCommands.ChatHistory
                    ? ReplyMatch.Fail
                    : ReplyMatch.No;
            }

            if (m.Command == IrcCommands.Batch && m.BatchRef is null && m.Param(0) == "-" + Reference)
            {
                return ReplyMatch.Done;
            }

            if (m.BatchRef is not { } inside || !_inside.Contains(inside))
            {
                return ReplyMatch.No;
            }

            if (m.Command == IrcCommands.Batch && m.Param(0) is { Length: > 1 } nested && nested[0] == '+')
            {
                _inside.Add(nested[1..]);
            }

            return ReplyMatch.Collect;
        }
    }
}
