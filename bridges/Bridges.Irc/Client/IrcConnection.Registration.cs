using System.Text;

namespace Bridges.Irc.Client;

/// <summary>Registration: CAP LS 302 / REQ / NEW / DEL, SASL, NICK/USER with nick fallback, 001/005/376.</summary>
internal sealed partial class IrcConnection
{
    private string _nick;
    private string? _account;
    private string? _selfUser;
    private string? _selfHost;
    private Dictionary<string, string?>? _offeredCaps;
    private HashSet<string>? _enabledCaps;

    private void ResetSessionState()
    {
        lock (_sync)
        {
            _offeredCaps = null;
        }

        Volatile.Write(ref _nick, _options.Nick);
        Volatile.Write(ref _account, null);
        _selfUser = _selfHost = null;
        _channels.SetISupport(IrcISupport.Default);
    }

    private void StartRegistration(Session s)
    {
        EnqueueSession(new IrcMessage(IrcCommands.Cap, "LS", "302"));
        if (_options.ServerPassword is { } pass)
        {
            EnqueueSession(new IrcMessage("PASS", pass.Reveal()), sensitive: true);
        }

        EnqueueSession(new IrcMessage(IrcCommands.Nick, _nick));
        EnqueueSession(new IrcMessage("USER", UserName(), "0", "*", _options.RealName ?? _options.Nick));
        s.Phase = RegPhase.CapLs;
    }

    private string UserName()
    {
        var source = _options.UserName ?? _options.Nick;
        var sb = new StringBuilder(source.Length);
        foreach (var c in source)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            {
                sb.Append(c);
            }
        }

        return sb.Length == 0 ? "bridge" : sb.ToString();
    }

    private void HandleCap(Session s, IrcMessage msg)
    {
        var sub = msg.Param(1)?.ToUpperInvariant();
        var list = ParseCapList(msg.LastParam);
        switch (sub)
        {
            case "LS":
                lock (_sync)
                {
                    _offeredCaps ??= new Dictionary<string, string?>(StringComparer.Ordinal);
                    foreach (var (name, value) in list)
                    {
                        _offeredCaps[name] = value;
                    }
                }

                var more = msg.Params.Count >= 4 && msg.Param(2) == "*";
                if (!more && s.Phase == RegPhase.CapLs)
                {
                    List<string> offered;
                    lock (_sync)
                    {
                        offered = [.. _offeredCaps.Keys];
                    }

                    var wanted = WantedCaps(s, offered, registration: true);
                    if (wanted.Count == 0)
                    {
                        AfterCaps(s);
                    }
                    else
                    {
                        s.Phase = RegPhase.CapReq;
                        s.PendingCapRequests += SendCapReq(wanted);
                    }
                }

                break;
            case "ACK":
                lock (_sync)
                {
                    var target = s.Phase is RegPhase.CapLs or RegPhase.CapReq ? s.NegotiatedCaps : (_enabledCaps ??= new HashSet<string>(StringComparer.Ordinal));
                    foreach (var (name, _) in list)
                    {
                        if (name.StartsWith('-'))
                        {
                            target.Remove(name[1..]);
                        }
                        else
                        {
                            target.Add(name);
                        }
                    }
                }

                _logger.CapChanged(_network, Nick, "ACK", msg.LastParam ?? string.Empty);
                CapRequestAnswered(s);
                break;
            case "NAK":
                _logger.CapChanged(_network, Nick, "NAK", msg.LastParam ?? string.Empty);
                if (s.Phase == RegPhase.CapReq && list.Count > 1 && !s.CapNakRetried)
                {
                    // REQ is all-or-nothing: one unacceptable cap sinks the rest, so ask for each alone.
                    s.CapNakRetried = true;
                    foreach (var (name, _) in list)
                    {
                        s.PendingCapRequests += SendCapReq([name]);
                    }
                }

                CapRequestAnswered(s);
                break;
            case "NEW":
                lock (_sync)
                {
                    _offeredCaps ??= new Dictionary<string, string?>(StringComparer.Ordinal);
                    foreach (var (name, value) in list)
                    {
                        _offeredCaps[name] = value;
                    }
                }

                _logger.CapChanged(_network, Nick, "NEW", msg.LastParam ?? string.Empty);
                var newWanted = WantedCaps(s, list.Select(c => c.Name), registration: false);
                if (newWanted.Count > 0)
                {
                    SendCapReq(newWanted);
                }

                break;
            case "DEL":
                lock (_sync)
                {
                    foreach (var (name, _) in list)
                    {
                        _offeredCaps?.Remove(name);
                        _enabledCaps?.Remove(name);
                        s.NegotiatedCaps.Remove(name);
                    }
                }

                _logger.CapChanged(_network, Nick, "DEL", msg.LastParam ?? string.Empty);
                break;
        }
    }

    private static List<(string Name, string? Value)> ParseCapList(string? text)
    {
        var result = new List<(string, string?)>();
        if (string.IsNullOrEmpty(text))
        {
            return result;
        }

        foreach (var token in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = token.IndexOf('=', StringComparison.Ordinal);
            result.Add(eq < 0 ? (string.Intern(token), null) : (string.Intern(token[..eq]), token[(eq + 1)..]));
        }

        return result;
    }

    private List<string> WantedCaps(Session s, IEnumerable<string> offered, bool registration)
    {
        var wanted = new List<string>();
        lock (_sync)
        {
            // During registration _enabledCaps still holds the previous session's caps; only this session's count.
            var have = registration ? s.NegotiatedCaps : _enabledCaps;
            foreach (var name in offered)
            {
                if (have?.Contains(name) == true)
                {
                    continue;
                }

                if (name == "sasl")
                {
                    if (registration && _options.Sasl != IrcSaslMechanism.None && SaslMechanismOffered())
                    {
                        wanted.Add(name);
                    }

                    continue;
                }

                if (_options.Capabilities.Contains(name, StringComparer.Ordinal))
                {
                    wanted.Add(name);
                }
            }
        }

        return wanted;
    }

    private bool SaslMechanismOffered()
    {
        // sasl-3.2: the cap value lists the mechanisms; no value means "unknown, try".
        if (_offeredCaps is null || !_offeredCaps.TryGetValue("sasl", out var mechs) || mechs is null)
        {
            return true;
        }

        var mine = _options.Sasl == IrcSaslMechanism.Plain ? "PLAIN" : "EXTERNAL";
        return mechs.Split(',').Contains(mine, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Sends CAP REQ lines (each within the line limit); returns how many.</summary>
    private int SendCapReq(List<string> caps)
    {
        _logger.CapRequest(_network, Nick, string.Join(' ', caps));
        var lines = 0;
        var current = new StringBuilder();
        foreach (var cap in caps)
        {
            if (current.Length > 0 && current.Length + 1 + cap.Length > 400)
            {
                EnqueueSession(new IrcMessage(IrcCommands.Cap, "REQ", current.ToString()));
                lines++;
                current.Clear();
            }

            current.Append(current.Length > 0 ? " " : string.Empty).Append(cap);
        }

        if (current.Length > 0)
        {
            EnqueueSession(new IrcMessage(IrcCommands.Cap, "REQ", current.ToString()));
            lines++;
        }

        return lines;
    }

    private void CapRequestAnswered(Session s)
    {
        if (s.Phase != RegPhase.CapReq)
        {
            return;
        }

        if (--s.PendingCapRequests <= 0)
        {
            AfterCaps(s);
        }
    }

    private void AfterCaps(Session s)
    {
        AdoptNegotiatedCaps(s);
        if (_options.Sasl != IrcSaslMechanism.None)
        {
            if (IsCapabilityEnabled("sasl"))
            {
                s.Phase = RegPhase.Sasl;
                EnqueueSession(new IrcMessage(IrcCommands.Authenticate, _options.Sasl == IrcSaslMechanism.Plain ? "PLAIN" : "EXTERNAL"));
                return;
            }

            _logger.SaslUnavailable(_network, Nick, _options.Sasl);
            if (_options.SaslRequired)
            {
                var ex = new IrcAuthenticationException($"The server does not offer SASL {_options.Sasl}.");
                s.Abort(IrcDisconnectReason.AuthenticationFailed, ex.Message, ex);
                return;
            }
        }

        CapEnd(s);
    }

    /// <summary>Makes this session's negotiated caps the connection's caps (they were kept from the previous
    /// session until now, so lines queued during the reconnect were built for the same server features).</summary>
    private void AdoptNegotiatedCaps(Session s)
    {
        lock (_sync)
        {
            _enabledCaps = new HashSet<string>(s.NegotiatedCaps, StringComparer.Ordinal);
        }
    }

    private void CapEnd(Session s)
    {
        EnqueueSession(new IrcMessage(IrcCommands.Cap, "END"));
        s.Phase = RegPhase.Welcome;
    }
}
