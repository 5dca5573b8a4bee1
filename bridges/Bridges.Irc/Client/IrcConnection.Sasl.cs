namespace Bridges.Irc.Client;

/// <summary>SASL exchange during registration (sasl-3.1.md, sasl-3.2.md): AUTHENTICATE and numerics 900–908.</summary>
internal sealed partial class IrcConnection
{
    private void HandleAuthenticate(Session s, IrcMessage msg)
    {
        if (s.Phase != RegPhase.Sasl || msg.Param(0) != "+")
        {
            return;
        }

        var account = _options.SaslAccount ?? _options.Nick;
        var payload = _options.Sasl == IrcSaslMechanism.Plain
            ? IrcSasl.PlainPayload(account, account, _options.SaslPassword!)
            : [];
        foreach (var chunk in IrcSasl.Chunks(payload))
        {
            EnqueueSession(new IrcMessage(IrcCommands.Authenticate, chunk), sensitive: true);
        }

        Array.Clear(payload);
    }

    private void HandleSaslNumeric(Session s, IrcMessage msg)
    {
        switch (msg.Command)
        {
            case IrcCommands.RplLoggedIn:
                if (msg.Param(2) is { } account)
                {
                    Volatile.Write(ref _account, account);
                    _logger.LoggedIn(_network, Nick, account);
                }

                return;
            case IrcCommands.RplLoggedOut:
                Volatile.Write(ref _account, null);
                return;
            case IrcCommands.RplSaslSuccess or IrcCommands.ErrSaslAlready when s.Phase == RegPhase.Sasl:
                CapEnd(s);
                return;
            case IrcCommands.ErrSaslFail or IrcCommands.ErrSaslTooLong or IrcCommands.ErrSaslAborted or IrcCommands.ErrNickLocked
                when s.Phase == RegPhase.Sasl:
                _logger.SaslFailed(_network, Nick, _options.Sasl, msg.Command, msg.LastParam);
                if (_options.SaslRequired)
                {
                    var ex = new IrcAuthenticationException($"SASL {_options.Sasl} failed: {msg.Command} {msg.LastParam}", msg.Command);
                    s.Abort(IrcDisconnectReason.AuthenticationFailed, ex.Message, ex);
                }
                else
                {
                    CapEnd(s);
                }

                return;
        }
    }
}
