using System.Globalization;

namespace Bridges.Irc.Client;

/// <summary>High-level sending: text splitting, multiline batches, echo awaiting, channel commands.</summary>
internal sealed partial class IrcConnection
{
    private long _batchCounter;

    public async Task SendAsync(IrcMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var line = CreateLine(message, false);
        _queue.Enqueue(line, priority: false);
        await line.Written.Task.WaitAsync(ct).ConfigureAwait(false);
    }

    public async Task<IrcLabeledResponse> SendLabeledAsync(IrcMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!IsCapabilityEnabled("labeled-response"))
        {
            throw new NotSupportedException("The server did not enable labeled-response.");
        }

        return await AwaitLabelAsync(EnqueueLabeled(message, out _), ct).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<IrcSendResult>> SendPrivmsgAsync(string target, string text, IrcTags? clientTags, CancellationToken ct) =>
        SendTextAsync(IrcCommands.Privmsg, target, text, action: false, clientTags, ct);

    public Task<IReadOnlyList<IrcSendResult>> SendNoticeAsync(string target, string text, IrcTags? clientTags, CancellationToken ct) =>
        SendTextAsync(IrcCommands.Notice, target, text, action: false, clientTags, ct);

    public Task<IReadOnlyList<IrcSendResult>> SendActionAsync(string target, string text, IrcTags? clientTags, CancellationToken ct) =>
        SendTextAsync(IrcCommands.Privmsg, target, text, action: true, clientTags, ct);

    public async Task<IrcSendResult> SendTagMsgAsync(string target, IrcTags clientTags, CancellationToken ct)
    {
        ValidateTarget(target);
        ArgumentNullException.ThrowIfNull(clientTags);
        if (!IsCapabilityEnabled("message-tags"))
        {
            throw new NotSupportedException("The server did not enable message-tags, so TAGMSG cannot be sent.");
        }

        var pending = EnqueueTextLines(IrcCommands.TagMsg, target, [string.Empty], clientTags, isTagMsg: true);
        return (await AwaitTextLinesAsync(pending, ct).ConfigureAwait(false))[0];
    }

    /// <summary>
    /// RELAYMSG (Ergo's <c>draft/relaymsg</c>): a relay bot speaks as <paramref name="nick"/> (which must contain one
    /// of the separators the cap value lists), split like PRIVMSG. Each line is confirmed: with labeled-response by its
    /// labeled reply, else with echo-message by the echo from <paramref name="nick"/>; a <c>FAIL RELAYMSG</c> (the
    /// server refused to spoof) throws <see cref="IrcCommandException"/>. Without either cap nothing can confirm the
    /// line, so it is only written.
    /// </summary>
    public async Task<IReadOnlyList<IrcSendResult>> SendRelayMsgAsync(string target, string nick, string text, CancellationToken ct)
    {
        ValidateTarget(target);
        ValidateTarget(nick);
        ArgumentNullException.ThrowIfNull(text);
        if (!IsCapabilityEnabled("draft/relaymsg"))
        {
            throw new NotSupportedException("The server did not enable draft/relaymsg.");
        }

        var budget = TextBudget(IrcCommands.Privmsg, target) - Math.Max(0, nick.Length - Nick.Length);
        var texts = IrcLineSplitter.Split(StripCtcpDelimiters(text), budget).Where(c => c.Text.Length > 0).Select(c => c.Text).ToList();
        var results = new List<IrcSendResult>(texts.Count);
        var cm = ISupport.CaseMapping;
        foreach (var line in texts)
        {
            var msg = new IrcMessage(IrcCommands.RelayMsg, target, nick, line);
            if (IsCapabilityEnabled("labeled-response"))
            {
                var response = await AwaitLabelAsync(EnqueueLabeled(msg, out _), ct).ConfigureAwait(false);
                if (response.Messages.FirstOrDefault(m => m.Command == IrcCommands.Privmsg) is { } echo)
                {
                    results.Add(new IrcSendResult(line, echo.MsgId, echo.ServerTime, echo));
                    continue;
                }

                if (response.Messages.FirstOrDefault(IsErrorReply) is { } error)
                {
                    throw new IrcCommandException(error);
                }

                results.Add(new IrcSendResult(line, null, null, null));
            }
            else if (IsCapabilityEnabled("echo-message"))
            {
                var replies = await AwaitReplyAsync(msg, m =>
                    m.Command == IrcCommands.Fail && m.Param(0) == IrcCommands.RelayMsg ? ReplyMatch.Fail
                    : m.Command == IrcCommands.Privmsg && cm.Equals(m.SourceNick, nick) && cm.Equals(m.Param(0), target) ? ReplyMatch.Done
                    : ReplyMatch.No, ct).ConfigureAwait(false);
                var echo = replies[^1];
                results.Add(new IrcSendResult(line, echo.MsgId, echo.ServerTime, echo));
            }
            else
            {
                var written = CreateLine(msg, false);
                _queue.Enqueue(written, priority: false);
                await written.Written.Task.WaitAsync(ct).ConfigureAwait(false);
                results.Add(new IrcSendResult(line, null, null, null));
            }
        }

        return results;
    }

    public async Task JoinAsync(string channel, string? key, CancellationToken ct)
    {
        ValidateTarget(channel);
        if (key is not null)
        {
            _channels.RememberKey(channel, key);
        }

        var msg = key is null ? new IrcMessage(IrcCommands.Join, channel) : new IrcMessage(IrcCommands.Join, channel, key);
        if (IsCapabilityEnabled("labeled-response"))
        {
            var response = await AwaitLabelAsync(EnqueueLabeled(msg, out _), ct).ConfigureAwait(false);
            if (!response.Messages.Any(m => m.Command == IrcCommands.Join) && response.Messages.FirstOrDefault(IsErrorReply) is { } error)
            {
                throw new IrcCommandException(error);
            }

            return;
        }

        var cm = ISupport.CaseMapping;
        var joined = false;
        await AwaitReplyAsync(msg, m =>
        {
            if (m.Command == IrcCommands.Join && cm.Equals(m.Param(0), channel) && cm.Equals(m.SourceNick, Nick))
            {
                joined = true;
                return ReplyMatch.Collect;
            }

            if (m.Command == IrcCommands.RplEndOfNames && joined && cm.Equals(m.Param(1), channel))
            {
                return ReplyMatch.Done;
            }

            return m.Command is "403" or "405" or "437" or "471" or "473" or "474" or "475" or "476" or "477" or "489"
                   && cm.Equals(m.Param(1), channel)
                ? ReplyMatch.Fail
                : ReplyMatch.No;
        }, ct).ConfigureAwait(false);
    }

    public Task PartAsync(string channel, string? reason, CancellationToken ct)
    {
        ValidateTarget(channel);
        return SendCommandAsync(reason is null ? new IrcMessage(IrcCommands.Part, channel) : new IrcMessage(IrcCommands.Part, channel, reason), ct);
    }

    public Task KickAsync(string channel, string nick, string? reason, CancellationToken ct)
    {
        ValidateTarget(channel);
        ValidateTarget(nick);
        return SendCommandAsync(reason is null ? new IrcMessage(IrcCommands.Kick, channel, nick) : new IrcMessage(IrcCommands.Kick, channel, nick, reason), ct);
    }

    public Task SetModeAsync(string target, string modes, IReadOnlyList<string>? arguments, CancellationToken ct)
    {
        ValidateTarget(target);
        ArgumentException.ThrowIfNullOrEmpty(modes);
        return SendCommandAsync(new IrcMessage(IrcCommands.Mode, [target, modes, .. arguments ?? []]), ct);
    }

    public Task SetTopicAsync(string channel, string topic, CancellationToken ct)
    {
        ValidateTarget(channel);
        ArgumentNullException.ThrowIfNull(topic);
        return SendCommandAsync(new IrcMessage(IrcCommands.Topic, channel, StripNewlines(topic)), ct);
    }

    public async Task ChangeNickAsync(string nick, CancellationToken ct)
    {
        ValidateTarget(nick);
        var msg = new IrcMessage(IrcCommands.Nick, nick);
        if (IsCapabilityEnabled("labeled-response"))
        {
            await SendCommandAsync(msg, ct).ConfigureAwait(false);
            return;
        }

        var cm = ISupport.CaseMapping;
        var old = Nick;
        await AwaitReplyAsync(msg, m =>
            m.Command == IrcCommands.Nick && cm.Equals(m.SourceNick, old) && cm.Equals(m.Param(0), nick) ? ReplyMatch.Done
            : m.Command is IrcCommands.ErrErroneusNickname or IrcCommands.ErrNicknameInUse or IrcCommands.ErrNickCollision or IrcCommands.ErrUnavailResource
              && cm.Equals(m.Param(1), nick) ? ReplyMatch.Fail
            : ReplyMatch.No, ct).ConfigureAwait(false);
    }

    public async Task<IrcWhoisResult?> WhoisAsync(string nick, CancellationToken ct)
    {
        ValidateTarget(nick);
        var msg = new IrcMessage(IrcCommands.Whois, nick);
        if (IsCapabilityEnabled("labeled-response"))
        {
            var response = await AwaitLabelAsync(EnqueueLabeled(msg, out _), ct).ConfigureAwait(false);
            return IrcWhoisResult.FromReplies(nick, response.Messages);
        }

        var cm = ISupport.CaseMapping;
        var replies = await AwaitReplyAsync(msg, m =>
            m.IsNumeric && m.Params.Count > 1 && cm.Equals(m.Param(1), nick)
                ? m.Command == IrcCommands.RplEndOfWhois ? ReplyMatch.Done
                : m.Command[0] is '2' or '3' or '6' || m.Command == IrcCommands.ErrNoSuchNick ? ReplyMatch.Collect
                : ReplyMatch.No
                : ReplyMatch.No, ct).ConfigureAwait(false);
        return IrcWhoisResult.FromReplies(nick, replies);
    }

    public Task RedactAsync(string target, string msgId, string? reason, CancellationToken ct)
    {
        ValidateTarget(target);
        ArgumentException.ThrowIfNullOrEmpty(msgId);
        if (!IsCapabilityEnabled("draft/message-redaction"))
        {
            throw new NotSupportedException("The server did not enable draft/message-redaction.");
        }

        var msg = reason is null ? new IrcMessage(IrcCommands.Redact, target, msgId) : new IrcMessage(IrcCommands.Redact, target, msgId, StripNewlines(reason));
        return SendCommandAsync(msg, ct);
    }

    /// <summary>UTF-8 bytes available for the text of one PRIVMSG/NOTICE to <paramref name="target"/>, counting
    /// the <c>:nick!user@host</c> prefix the server adds when relaying (worst case while our mask is unknown).</summary>
    public int TextBudget(string command, string target)
    {
        var isupport = ISupport;
        var user = _selfUser ?? new string('u', (isupport.GetInt("USERLEN") ?? 10) + 1);
        var host = _selfHost ?? new string('h', isupport.GetInt("HOSTLEN") ?? 63);
        var budget = IrcLineSplitter.TextBudget(isupport.LineLen, Nick, user, host, command, target, _options.LineSafetyMargin);
        return budget >= 32 ? budget : throw new InvalidOperationException($"Target '{target}' leaves only {budget} bytes per line.");
    }

    private async Task<IReadOnlyList<IrcSendResult>> SendTextAsync(string command, string target, string text, bool action, IrcTags? clientTags, CancellationToken ct)
    {
        ValidateTarget(target);
        ArgumentNullException.ThrowIfNull(text);

        // \x01 in user text would let it forge CTCP requests (DCC and friends) to everyone reading it.
        var clean = StripCtcpDelimiters(text);
        var budget = TextBudget(command, target) - (action ? "\u0001ACTION \u0001".Length : 0);
        var chunks = IrcLineSplitter.Split(clean, budget);
        if (!action && UseMultiline(chunks))
        {
            return await SendMultilineAsync(command, target, chunks, clientTags, ct).ConfigureAwait(false);
        }

        var texts = chunks.Where(c => c.Text.Length > 0).Select(c => action ? IrcCtcp.Build("ACTION", c.Text) : c.Text).ToList();
        if (texts.Count == 0)
        {
            return [];
        }

        var pending = EnqueueTextLines(command, target, texts, clientTags, isTagMsg: false);
        return await AwaitTextLinesAsync(pending, ct).ConfigureAwait(false);
    }

    private List<PendingText> EnqueueTextLines(string command, string target, IReadOnlyList<string> texts, IrcTags? clientTags, bool isTagMsg)
    {
        var tags = IsCapabilityEnabled("message-tags") ? clientTags ?? IrcTags.Empty : IrcTags.Empty;
        var labeled = IsCapabilityEnabled("labeled-response");
        var echo = !labeled && IsCapabilityEnabled("echo-message");
        var pending = new List<PendingText>(texts.Count);
        var lines = new List<IrcOutgoingLine>(texts.Count);
        foreach (var text in texts)
        {
            var label = labeled ? NextLabel() : null;
            var msgTags = label is null ? tags : tags.With("label", label);
            var msg = isTagMsg ? new IrcMessage(msgTags, null, command, target) : new IrcMessage(msgTags, null, command, target, text);
            var line = CreateLine(msg, false);
            lines.Add(line);
            pending.Add(new PendingText(text, line, label is null ? null : new LabelWaiter(label, line), echo ? new EchoWaiter(line, command, target) : null));
        }

        lock (_sync)
        {
            foreach (var p in pending)
            {
                if (p.Label is not null)
                {
                    (_labelWaiters ??= new Dictionary<string, LabelWaiter>(StringComparer.Ordinal))[p.Label.Label] = p.Label;
                }

                if (p.Echo is not null)
                {
                    (_echoWaiters ??= []).Add(p.Echo);
                }
            }

            ReleaseInboundGateLocked();

            _queue.EnqueueRange(lines, priority: false);
        }

        return pending;
    }

    private async Task<IReadOnlyList<IrcSendResult>> AwaitTextLinesAsync(List<PendingText> pending, CancellationToken ct)
    {
        var results = new List<IrcSendResult>(pending.Count);
        try
        {
            foreach (var p in pending)
            {
                if (p.Label is not null)
                {
                    results.Add(ToSendResult(p.Text, await AwaitLabelAsync(p.Label, ct).ConfigureAwait(false)));
                }
                else if (p.Echo is not null)
                {
                    await p.Line.Written.Task.WaitAsync(ct).ConfigureAwait(false);
                    IrcMessage echoed;
                    try
                    {
                        echoed = await p.Echo.Tcs.Task.WaitAsync(_options.RequestTimeout, _timeProvider, ct).ConfigureAwait(false);
                    }
                    catch (TimeoutException)
                    {
                        throw new TimeoutException($"No echo of {p.Line.Message.Command} within {_options.RequestTimeout}.");
                    }

                    results.Add(new IrcSendResult(p.Text, echoed.MsgId, echoed.ServerTime, echoed));
                }
                else
                {
                    await p.Line.Written.Task.WaitAsync(ct).ConfigureAwait(false);
                    results.Add(new IrcSendResult(p.Text, null, null, null));
                }
            }

            return results;
        }
        finally
        {
            // Waiters of lines after a failed one would otherwise linger (FIFO echoes never time out alone).
            lock (_sync)
            {
                foreach (var p in pending)
                {
                    if (p.Label is not null)
                    {
                        _labelWaiters?.Remove(p.Label.Label);
                    }

                    if (p.Echo is not null)
                    {
                        _echoWaiters?.Remove(p.Echo);
                    }
                }
            }
        }
    }

    private static IrcSendResult ToSendResult(string text, IrcLabeledResponse response)
    {
        var echo = response.Messages.FirstOrDefault(m => m.Command is IrcCommands.Privmsg or IrcCommands.Notice or IrcCommands.TagMsg or IrcCommands.Batch);
        if (echo is not null)
        {
            return new IrcSendResult(text, echo.MsgId, echo.ServerTime, echo);
        }

        if (response.Messages.FirstOrDefault(IsErrorReply) is { } error)
        {
            throw new IrcCommandException(error);
        }

        return new IrcSendResult(text, null, null, null);
    }

    private static void ValidateTarget(string target)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        if (target.AsSpan().IndexOfAny(" ,\r\n\0") >= 0 || target[0] == ':')
        {
            throw new ArgumentException($"'{target}' is not a single valid target (no spaces, commas, CR, LF, NUL or leading ':').", nameof(target));
        }
    }

    private static string StripCtcpDelimiters(string text) =>
        text.Contains('\u0001', StringComparison.Ordinal) ? text.Replace("\u0001", string.Empty, StringComparison.Ordinal) : text;

    private static string StripNewlines(string text) =>
        text.ReplaceLineEndings(" ").Replace("\0", string.Empty, StringComparison.Ordinal);

    private string NextBatchRef() => "m" + Interlocked.Increment(ref _batchCounter).ToString(CultureInfo.InvariantCulture);

    private sealed record PendingText(string Text, IrcOutgoingLine Line, LabelWaiter? Label, EchoWaiter? Echo);
}
