using System.Globalization;
using System.Text;

namespace Bridges.Irc.Client;

/// <summary>Receive-side dispatch: protocol housekeeping, state updates, batches, waiters, events.</summary>
internal sealed partial class IrcConnection
{
    private long _lastCtcpReply;

    private void HandleMessage(Session s, IrcMessage msg)
    {
        msg = FixLabeledNickSource(msg);
        IrcBatch? closedBatch = null;
        if (msg.Command == IrcCommands.Batch)
        {
            closedBatch = s.Batches.OnBatchCommand(msg);
        }

        if (msg.BatchRef is not null)
        {
            s.Batches.Collect(msg);
        }

        var ownNickBefore = Nick;
        var quitChannels = msg.Command == IrcCommands.Quit && msg.Source is not null ? _channels.ChannelsOf(IrcSource.Parse(msg.Source).Nick) : null;
        _channels.Apply(msg, ownNickBefore);
        var fromSelf = msg.Source is not null && ISupport.CaseMapping.Equals(IrcSource.Parse(msg.Source).Nick, ownNickBefore);

        switch (msg.Command)
        {
            case IrcCommands.Ping:
                EnqueueSession(new IrcMessage(IrcCommands.Pong, [.. msg.Params]));
                break;
            case IrcCommands.Error:
                s.ServerError = msg.LastParam ?? "ERROR";
                _logger.ServerError(_network, Nick, s.ServerError);
                break;
            case IrcCommands.Cap:
                HandleCap(s, msg);
                break;
            case IrcCommands.Authenticate:
                HandleAuthenticate(s, msg);
                break;
            case IrcCommands.RplWelcome:
                HandleWelcome(s, msg);
                break;
            case IrcCommands.RplISupport:
                _channels.SetISupport(ISupport.Apply(msg));
                break;
            case IrcCommands.RplEndOfMotd or IrcCommands.ErrNoMotd when s.Phase == RegPhase.Motd:
                CompleteRegistration(s);
                break;
            case IrcCommands.ErrErroneusNickname or IrcCommands.ErrNicknameInUse or IrcCommands.ErrNickCollision or IrcCommands.ErrUnavailResource:
                HandleNickRefused(s, msg);
                break;
            case IrcCommands.RplLoggedIn or IrcCommands.RplLoggedOut or IrcCommands.ErrNickLocked or IrcCommands.RplSaslSuccess
                or IrcCommands.ErrSaslFail or IrcCommands.ErrSaslTooLong or IrcCommands.ErrSaslAborted or IrcCommands.ErrSaslAlready:
                HandleSaslNumeric(s, msg);
                break;
            case IrcCommands.Nick when fromSelf && msg.Param(0) is { } newNick:
                Volatile.Write(ref _nick, newNick);
                break;
            case IrcCommands.Join when fromSelf:
                var joinSrc = IrcSource.Parse(msg.Source!);
                _selfUser = joinSrc.User ?? _selfUser;
                _selfHost = joinSrc.Host ?? _selfHost;
                break;
            case IrcCommands.Chghost when fromSelf && msg.Params.Count >= 2:
                _selfUser = msg.Params[0];
                _selfHost = msg.Params[1];
                break;
            case IrcCommands.RplVisibleHost when msg.Param(1) is { } visibleHost:
                _selfHost = visibleHost;
                break;
            case IrcCommands.Account when fromSelf && msg.Param(0) is { } acct:
                Volatile.Write(ref _account, acct == "*" ? null : acct);
                break;
            case IrcCommands.Fail or IrcCommands.Warn or IrcCommands.Note:
                _logger.StandardReply(_network, Nick, msg.Command, msg.Param(0), msg.Param(1), msg.LastParam);
                break;
        }

        HandleResponses(s, msg, closedBatch, fromSelf);
        Raise(MessageReceived, new IrcMessageEventArgs(msg, quitChannels), nameof(MessageReceived));

        if (closedBatch is not null)
        {
            Raise(BatchReceived, new IrcBatchEventArgs(closedBatch), nameof(BatchReceived));
            // A multiline message inside a chathistory answer is history: the query returns it.
            if (closedBatch.Type == "draft/multiline" && !s.Batches.IsInside(closedBatch.Opener, "chathistory")
                && BuildMultilineMessage(closedBatch, fromSelf) is { } combined)
            {
                Raise(ChatMessageReceived, new IrcChatMessageEventArgs(combined), nameof(ChatMessageReceived));
            }
        }

        if (msg.Command is IrcCommands.Privmsg or IrcCommands.Notice or IrcCommands.TagMsg
            && !s.Batches.IsInside(msg, "draft/multiline") && !s.Batches.IsInside(msg, "chathistory")
            && BuildChatMessage(msg, fromSelf) is { } chat)
        {
            if (chat.Kind == IrcChatMessageKind.CtcpRequest && !fromSelf)
            {
                AnswerCtcp(chat);
            }

            Raise(ChatMessageReceived, new IrcChatMessageEventArgs(chat), nameof(ChatMessageReceived));
        }
    }

    /// <summary>
    /// InspIRCd answers a labeled NICK with the new nick as source (<c>@label=x :new!u@h NICK new</c>), unlike the
    /// unlabeled form. A labeled reply is always ours, so restore the old nick as source before processing.
    /// </summary>
    private IrcMessage FixLabeledNickSource(IrcMessage msg)
    {
        if (msg.Command != IrcCommands.Nick || msg.Label is null || msg.Source is null || msg.Param(0) is not { } newNick)
        {
            return msg;
        }

        var src = IrcSource.Parse(msg.Source);
        var cm = ISupport.CaseMapping;
        if (!cm.Equals(src.Nick, newNick) || cm.Equals(newNick, Nick))
        {
            return msg;
        }

        return new IrcMessage(msg.Tags, new IrcSource(Nick, src.User, src.Host).ToString(), msg.Command, [.. msg.Params]);
    }

    private IrcChatMessage? BuildChatMessage(IrcMessage msg, bool fromSelf)
    {
        if (msg.Source is null || msg.Param(0) is not { Length: > 0 } rawTarget)
        {
            return null;
        }

        var (target, status) = SplitStatusPrefix(rawTarget);
        var text = msg.Command == IrcCommands.TagMsg ? string.Empty : msg.Param(1) ?? string.Empty;
        var kind = msg.Command switch
        {
            IrcCommands.Notice => IrcChatMessageKind.Notice,
            IrcCommands.TagMsg => IrcChatMessageKind.TagMsg,
            _ => IrcChatMessageKind.Privmsg,
        };
        string? ctcp = null;
        if (kind != IrcChatMessageKind.TagMsg && IrcCtcp.TryParse(text, out var command, out var ctcpParams))
        {
            ctcp = command;
            text = ctcpParams;
            kind = command == "ACTION" ? IrcChatMessageKind.Action
                : kind == IrcChatMessageKind.Notice ? IrcChatMessageKind.CtcpReply : IrcChatMessageKind.CtcpRequest;
        }

        return new IrcChatMessage
        {
            Kind = kind,
            Source = IrcSource.Parse(msg.Source),
            Target = target,
            StatusPrefix = status,
            Text = text,
            CtcpCommand = kind == IrcChatMessageKind.Action ? null : ctcp,
            Tags = msg.Tags,
            Time = msg.ServerTime ?? _timeProvider.GetUtcNow(),
            IsChannel = ISupport.IsChannel(target),
            IsEcho = fromSelf,
            Lines = [msg],
        };
    }

    private IrcChatMessage? BuildMultilineMessage(IrcBatch batch, bool fromSelf)
    {
        var lines = batch.Messages.Where(m => m.Command is IrcCommands.Privmsg or IrcCommands.Notice).ToList();
        if (lines.Count == 0 || batch.Opener.Source is null || batch.Parameters.Count == 0)
        {
            return null;
        }

        var sb = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            if (i > 0 && !lines[i].Tags.ContainsKey("draft/multiline-concat"))
            {
                sb.Append('\n');
            }

            sb.Append(lines[i].Param(1));
        }

        var (target, status) = SplitStatusPrefix(batch.Parameters[0]);
        return new IrcChatMessage
        {
            Kind = lines[0].Command == IrcCommands.Notice ? IrcChatMessageKind.Notice : IrcChatMessageKind.Privmsg,
            Source = IrcSource.Parse(batch.Opener.Source),
            Target = target,
            StatusPrefix = status,
            Text = sb.ToString(),
            Tags = batch.Opener.Tags,
            Time = batch.Opener.ServerTime ?? lines[0].ServerTime ?? _timeProvider.GetUtcNow(),
            IsChannel = ISupport.IsChannel(target),
            IsEcho = fromSelf || ISupport.CaseMapping.Equals(IrcSource.Parse(batch.Opener.Source).Nick, Nick),
            Lines = lines,
        };
    }

    private (string Target, char? Status) SplitStatusPrefix(string target)
    {
        // "@#chan" (STATUSMSG): only when the rest is a channel, so nicks starting with '@' are not mangled.
        if (target.Length > 1 && ISupport.StatusMsg is { } statusMsg && statusMsg.Contains(target[0], StringComparison.Ordinal)
            && ISupport.IsChannel(target[1..]))
        {
            return (target[1..], target[0]);
        }

        return (target, null);
    }

    private void AnswerCtcp(IrcChatMessage chat)
    {
        // Channel CTCPs stay unanswered: every puppet in the channel would reply at once.
        if (!_options.AnswerCtcp || chat.IsChannel)
        {
            return;
        }

        // At most one reply per two seconds: a CTCP flood must not push us over the server's flood limit.
        var now = _timeProvider.GetTimestamp();
        var last = Interlocked.Read(ref _lastCtcpReply);
        if (last != 0 && _timeProvider.GetElapsedTime(last, now) < TimeSpan.FromSeconds(2))
        {
            return;
        }

        string? reply = chat.CtcpCommand switch
        {
            "VERSION" => _options.CtcpVersion,
            "PING" => chat.Text,
            "TIME" => _timeProvider.GetUtcNow().ToString("r", CultureInfo.InvariantCulture),
            "CLIENTINFO" => "ACTION CLIENTINFO PING TIME VERSION",
            _ => null,
        };
        if (reply is null)
        {
            return;
        }

        Interlocked.Exchange(ref _lastCtcpReply, now);
        try
        {
            _queue.Enqueue(CreateLine(new IrcMessage(IrcCommands.Notice, chat.Source.Nick, IrcCtcp.Build(chat.CtcpCommand!, reply)), false), priority: false);
            _logger.CtcpAnswered(_network, Nick, chat.CtcpCommand!, chat.Source.Nick);
        }
        catch (ArgumentException)
        {
            // A nick or text we cannot echo back safely; not worth an answer.
        }
    }

    private static bool IsSensitive(IrcMessage msg) =>
        msg.Command is "PASS" or IrcCommands.Authenticate or "OPER"
        || (msg.Command is IrcCommands.Privmsg or IrcCommands.Notice or "SQUERY"
            && msg.Param(0) is { } t && (t.StartsWith("NickServ", StringComparison.OrdinalIgnoreCase) || t.Equals("NS", StringComparison.OrdinalIgnoreCase)))
        || msg.Command is "NICKSERV" or "NS" or "IDENTIFY";
}
