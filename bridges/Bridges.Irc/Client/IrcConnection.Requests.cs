using System.Globalization;

namespace Bridges.Irc.Client;

/// <summary>
/// Correlating replies with what we sent: <c>label</c> tags when labeled-response is on, otherwise FIFO matching
/// of our echoes (echo-message) and numeric matching for JOIN/NICK/WHOIS. All waiter collections are under
/// <see cref="_sync"/>; a waiter belongs to the session its line was written in and fails when that session ends.
/// </summary>
internal sealed partial class IrcConnection
{
    private Dictionary<string, LabelWaiter>? _labelWaiters;
    private List<EchoWaiter>? _echoWaiters;
    private List<ReplyWaiter>? _replyWaiters;
    private long _labelCounter;

    private enum ReplyMatch
    {
        No,
        Collect,
        Done,
        Fail,
    }

    private string NextLabel() => "b" + Interlocked.Increment(ref _labelCounter).ToString(CultureInfo.InvariantCulture);

    private IrcOutgoingLine CreateLine(IrcMessage msg, bool sensitive)
    {
        // Registration commands are checked against the RFC limit: LINELEN is not known yet.
        var limit = msg.Command is IrcCommands.Cap or IrcCommands.Nick or "USER" or "PASS" or IrcCommands.Authenticate
            ? IrcMessageWriter.DefaultMaxLineBytes
            : ISupport.LineLen;
        return new IrcOutgoingLine(msg, IrcMessageWriter.Serialize(msg, limit), sensitive || IsSensitive(msg));
    }

    /// <summary>Queues a session-scoped line (registration, PONG, keepalive, rejoin) in the priority lane.</summary>
    private void EnqueueSession(IrcMessage msg, bool sensitive = false) => _queue.Enqueue(CreateLine(msg, sensitive), priority: true);

    private LabelWaiter EnqueueLabeled(IrcMessage msg, out IrcOutgoingLine line)
    {
        var label = NextLabel();
        line = CreateLine(msg.WithTags(msg.Tags.With("label", label)), false);
        var waiter = new LabelWaiter(label, line);
        lock (_sync)
        {
            (_labelWaiters ??= new Dictionary<string, LabelWaiter>(StringComparer.Ordinal))[label] = waiter;
            ReleaseInboundGateLocked();
            _queue.Enqueue(line, priority: false);
        }

        return waiter;
    }

    private async Task<IrcLabeledResponse> AwaitLabelAsync(LabelWaiter waiter, CancellationToken ct)
    {
        try
        {
            await waiter.Line.Written.Task.WaitAsync(ct).ConfigureAwait(false);
            return await waiter.Tcs.Task.WaitAsync(_options.RequestTimeout, _timeProvider, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No labeled reply to {waiter.Line.Message.Command} within {_options.RequestTimeout}.");
        }
        finally
        {
            lock (_sync)
            {
                _labelWaiters?.Remove(waiter.Label);
            }
        }
    }

    private async Task<IReadOnlyList<IrcMessage>> AwaitReplyAsync(IrcMessage msg, Func<IrcMessage, ReplyMatch> match, CancellationToken ct)
    {
        var line = CreateLine(msg, false);
        var waiter = new ReplyWaiter(line, match);
        lock (_sync)
        {
            (_replyWaiters ??= []).Add(waiter);
            ReleaseInboundGateLocked();
            _queue.Enqueue(line, priority: false);
        }

        try
        {
            await line.Written.Task.WaitAsync(ct).ConfigureAwait(false);
            return await waiter.Tcs.Task.WaitAsync(_options.RequestTimeout, _timeProvider, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No reply to {msg.Command} within {_options.RequestTimeout}.");
        }
        finally
        {
            lock (_sync)
            {
                _replyWaiters?.Remove(waiter);
            }
        }
    }

    /// <summary>Sends a command; with labeled-response, waits for the answer and throws on an error reply.</summary>
    private async Task SendCommandAsync(IrcMessage msg, CancellationToken ct)
    {
        if (IsCapabilityEnabled("labeled-response"))
        {
            var response = await AwaitLabelAsync(EnqueueLabeled(msg, out _), ct).ConfigureAwait(false);
            if (response.Messages.FirstOrDefault(IsErrorReply) is { } error)
            {
                throw new IrcCommandException(error);
            }

            return;
        }

        var line = CreateLine(msg, false);
        _queue.Enqueue(line, priority: false);
        await line.Written.Task.WaitAsync(ct).ConfigureAwait(false);
    }

    private static bool IsErrorReply(IrcMessage m) =>
        m.Command == IrcCommands.Fail
        || (m.IsNumeric && m.Command[0] is '4' or '5');

    private void HandleResponses(Session s, IrcMessage msg, IrcBatch? closedBatch, bool fromSelf)
    {
        lock (_sync)
        {
            if (msg.Label is { } label && _labelWaiters is not null && _labelWaiters.TryGetValue(label, out var lw))
            {
                if (msg.Command == IrcCommands.Batch && msg.Param(0) is { Length: > 1 } r && r[0] == '+')
                {
                    lw.BatchRef = r[1..];
                }
                else
                {
                    _labelWaiters.Remove(label);
                    lw.Tcs.TrySetResult(new IrcLabeledResponse(label, [msg], null));
                }
            }

            if (closedBatch?.Opener.Label is { } batchLabel && _labelWaiters is not null && _labelWaiters.Remove(batchLabel, out var bw))
            {
                bw.Tcs.TrySetResult(new IrcLabeledResponse(batchLabel, [closedBatch.Opener, .. closedBatch.Messages], closedBatch));
            }

            if (_echoWaiters is { Count: > 0 } && msg.Label is null)
            {
                MatchEcho(msg, fromSelf);
            }

            if (_replyWaiters is { Count: > 0 } && msg.Label is null && !s.Batches.IsInside(msg, "labeled-response"))
            {
                foreach (var w in _replyWaiters)
                {
                    var m = w.Match(msg);
                    if (m == ReplyMatch.No)
                    {
                        continue;
                    }

                    w.Collected.Add(msg);
                    if (m == ReplyMatch.Done)
                    {
                        w.Tcs.TrySetResult(w.Collected);
                    }
                    else if (m == ReplyMatch.Fail)
                    {
                        w.Tcs.TrySetException(new IrcCommandException(msg));
                    }

                    break;
                }

                _replyWaiters.RemoveAll(w => w.Tcs.Task.IsCompleted);
            }
        }
    }

    private void MatchEcho(IrcMessage msg, bool fromSelf)
    {
        var cm = ISupport.CaseMapping;
        if (fromSelf && msg.Command is IrcCommands.Privmsg or IrcCommands.Notice or IrcCommands.TagMsg && msg.Param(0) is { } target)
        {
            var i = _echoWaiters!.FindIndex(w => w.Command == msg.Command && cm.Equals(w.Target, target) && w.Line.SessionId != 0);
            if (i >= 0)
            {
                var w = _echoWaiters[i];
                _echoWaiters.RemoveAt(i);
                w.Tcs.TrySetResult(msg);
            }
        }
        else if (msg.Command is IrcCommands.ErrNoSuchNick or IrcCommands.ErrNoSuchChannel or IrcCommands.ErrCannotSendToChan
                 && msg.Param(1) is { } failed)
        {
            var i = _echoWaiters!.FindIndex(w => cm.Equals(w.Target, failed) && w.Line.SessionId != 0);
            if (i >= 0)
            {
                var w = _echoWaiters[i];
                _echoWaiters.RemoveAt(i);
                w.Tcs.TrySetException(new IrcCommandException(msg));
            }
        }
    }

    private void FailSessionWaiters(int sessionId, Exception reason) => FailWaiters(line => line.SessionId == sessionId, reason);

    private void FailAllWaiters(Exception reason) => FailWaiters(_ => true, reason);

    private void FailWaiters(Func<IrcOutgoingLine, bool> predicate, Exception reason)
    {
        lock (_sync)
        {
            if (_labelWaiters is not null)
            {
                foreach (var w in _labelWaiters.Values.Where(w => predicate(w.Line)).ToList())
                {
                    _labelWaiters.Remove(w.Label);
                    w.Tcs.TrySetException(reason);
                }
            }

            _echoWaiters?.RemoveAll(w => predicate(w.Line) && Fail(w.Tcs, reason));
            _replyWaiters?.RemoveAll(w => predicate(w.Line) && Fail(w.Tcs, reason));
        }
    }

    private static bool Fail<T>(TaskCompletionSource<T> tcs, Exception reason)
    {
        tcs.TrySetException(reason);
        return true;
    }

    private sealed class LabelWaiter(string label, IrcOutgoingLine line)
    {
        public string Label { get; } = label;

        public IrcOutgoingLine Line { get; } = line;

        public string? BatchRef { get; set; }

        public TaskCompletionSource<IrcLabeledResponse> Tcs { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class EchoWaiter(IrcOutgoingLine line, string command, string target)
    {
        public IrcOutgoingLine Line { get; } = line;

        public string Command { get; } = command;

        public string Target { get; } = target;

        public TaskCompletionSource<IrcMessage> Tcs { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class ReplyWaiter(IrcOutgoingLine line, Func<IrcMessage, ReplyMatch> match)
    {
        public IrcOutgoingLine Line { get; } = line;

        public Func<IrcMessage, ReplyMatch> Match { get; } = match;

        public List<IrcMessage> Collected { get; } = [];

        public TaskCompletionSource<IReadOnlyList<IrcMessage>> Tcs { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
