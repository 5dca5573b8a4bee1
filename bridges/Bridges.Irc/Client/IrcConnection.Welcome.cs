using System.Text;

namespace Bridges.Irc.Client;

/// <summary>End of registration: nick fallback, 001, end of MOTD, NickServ identify and rejoin.</summary>
internal sealed partial class IrcConnection
{
    private void HandleNickRefused(Session s, IrcMessage msg)
    {
        if (s.IsRegistered || (msg.Param(1) is { } p && ISupport.IsChannel(p)))
        {
            return;
        }

        if (msg.Command == IrcCommands.ErrErroneusNickname)
        {
            s.NickErroneous++;
        }
        else
        {
            s.NickCollisions++;
        }

        var refused = msg.Param(1) ?? Nick;
        var candidate = IrcNickGenerator.Candidate(_options.Nick, s.NickCollisions, s.NickErroneous, ISupport.NickLen);
        if (string.Equals(candidate, refused, StringComparison.Ordinal))
        {
            candidate = IrcNickGenerator.Candidate(_options.Nick, ++s.NickCollisions, s.NickErroneous, ISupport.NickLen);
        }

        if (s.NickCollisions + s.NickErroneous > IrcNickGenerator.MaxAttempts)
        {
            s.Abort(IrcDisconnectReason.RegistrationFailed, $"No usable nick (last refused: {refused}, {msg.Command}).", null);
            return;
        }

        _logger.NickRefused(_network, refused, msg.Command, candidate);
        Volatile.Write(ref _nick, candidate);
        EnqueueSession(new IrcMessage(IrcCommands.Nick, candidate));
    }

    private void HandleWelcome(Session s, IrcMessage msg)
    {
        if (msg.Param(0) is { Length: > 0 } nick)
        {
            Volatile.Write(ref _nick, nick);
        }

        // "Welcome to the X Network nick!user@host": learn our mask for line-length budgeting.
        var lastWord = msg.LastParam?.Split(' ').LastOrDefault();
        if (lastWord is not null && lastWord.Contains('!', StringComparison.Ordinal) && lastWord.Contains('@', StringComparison.Ordinal))
        {
            var src = IrcSource.Parse(lastWord);
            _selfUser = src.User;
            _selfHost = src.Host;
        }

        if (s.Phase < RegPhase.Welcome)
        {
            // No CAP reply before 001: a server without capability negotiation.
            AdoptNegotiatedCaps(s);
        }

        if (s.Phase < RegPhase.Welcome && _options.Sasl != IrcSaslMechanism.None && _options.SaslRequired)
        {
            var ex = new IrcAuthenticationException("The server registered us without capability negotiation, so SASL was impossible.");
            s.Abort(IrcDisconnectReason.AuthenticationFailed, ex.Message, ex);
            return;
        }

        s.Phase = RegPhase.Motd;
    }

    private void CompleteRegistration(Session s)
    {
        s.Phase = RegPhase.Ready;
        s.IsRegistered = true;
        s.RegistrationTimer?.Dispose();
        if (_options.NickServPassword is { } pw && Account is null)
        {
            EnqueueSession(new IrcMessage(IrcCommands.Privmsg, "NickServ", $"IDENTIFY {_options.SaslAccount ?? _options.Nick} {pw.Reveal()}"), sensitive: true);
        }

        var rejoin = _rejoin;
        _rejoin = null;
        if (rejoin is { Count: > 0 })
        {
            RejoinChannels(rejoin);
        }

        _queue.SetNormalOpen(true);
        var isReconnect = _everRegistered;
        _everRegistered = true;
        var caps = EnabledCapabilities;
        _logger.Registered(_network, Nick, string.Join(' ', caps));
        s.FirstRegistration?.TrySetResult();
        Raise(Connected, new IrcConnectedEventArgs(Nick, isReconnect, caps), nameof(Connected));
    }

    private void RejoinChannels(List<(string Name, string? Key)> channels)
    {
        var plain = new StringBuilder();
        foreach (var (name, key) in channels)
        {
            if (key is not null)
            {
                _channels.RememberKey(name, key);
                EnqueueSession(new IrcMessage(IrcCommands.Join, name, key));
                continue;
            }

            if (plain.Length > 0 && plain.Length + 1 + name.Length > 400)
            {
                EnqueueSession(new IrcMessage(IrcCommands.Join, plain.ToString()));
                plain.Clear();
            }

            plain.Append(plain.Length > 0 ? "," : string.Empty).Append(name);
        }

        if (plain.Length > 0)
        {
            EnqueueSession(new IrcMessage(IrcCommands.Join, plain.ToString()));
        }
    }
}
