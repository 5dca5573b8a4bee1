namespace Bridges.Irc.Bridge;

/// <summary>One IRC network (<c>bridges:irc:networks:&lt;id&gt;</c>).</summary>
public sealed class IrcNetworkOptions
{
    /// <summary>Human name of the network; default: its id.</summary>
    public string? DisplayName { get; set; }

    /// <summary>Server host name or address. Required.</summary>
    public string Host { get; set; } = string.Empty;

    /// <summary>Server port.</summary>
    public int Port { get; set; } = 6697;

    /// <summary>Whether to use TLS.</summary>
    public bool Tls { get; set; } = true;

    /// <summary>How the certificate is checked: <c>system</c> (the OS trust store), <c>accept_any</c> (tests only), or
    /// the path of a PEM file with the CA certificate(s) to trust.</summary>
    public string TlsVerify { get; set; } = "system";

    /// <summary>Server password (PASS), if the server needs one.</summary>
    public string? ServerPassword { get; set; }

    /// <summary>Nick of the relay bot, which joins every bridged channel and reads it.</summary>
    public string RelayNick { get; set; } = "MatrixBridge";

    /// <summary>SASL PLAIN password of the relay bot's account (account = relay nick); empty: none.</summary>
    public string? RelaySaslPassword { get; set; }

    /// <summary>When SASL is refused (or not offered), identify with <c>PRIVMSG NickServ :IDENTIFY</c> instead: the
    /// password then travels as an ordinary message, so this is off unless chosen. Off: the user is told instead.</summary>
    public bool NickServFallback { get; set; }

    /// <summary><c>puppets</c>: every Matrix user who speaks gets their own connection; <c>relay</c>: all speak
    /// through the relay bot.</summary>
    public IrcBridgeMode Mode { get; set; } = IrcBridgeMode.Puppets;

    /// <summary>Puppet nick; <c>{localpart}</c> is the Matrix user's localpart (cut so the nick fits <see cref="NickMaxLength"/>).</summary>
    public string NickTemplate { get; set; } = "{localpart}[m]";

    /// <summary>Longest puppet nick made from the template (the server's NICKLEN applies too).</summary>
    public int NickMaxLength { get; set; } = 16;

    /// <summary>Puppet ident; <c>{localpart}</c> is replaced, then cut to 10 safe characters.</summary>
    public string UsernameTemplate { get; set; } = "{localpart}";

    /// <summary>Puppet real name; <c>{localpart}</c> and <c>{userid}</c> are replaced.</summary>
    public string RealnameTemplate { get; set; } = "{userid} (Matrix)";

    /// <summary>Lines each connection may send back to back before <see cref="FloodInterval"/> applies.</summary>
    public int FloodBurst { get; set; } = 5;

    /// <summary>Time per line after the burst; 1 s is what public networks tolerate indefinitely.</summary>
    public TimeSpan FloodInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A puppet that sent nothing for this long disconnects (and reconnects when its user acts); 0: never.</summary>
    public TimeSpan PuppetIdleTimeout { get; set; } = TimeSpan.FromDays(2);

    /// <summary>Pause between puppet connections when many reconnect at once (start, login changes).</summary>
    public TimeSpan ConnectStagger { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest wait between reconnect attempts after the server went away.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Channels the relay bot joins at start; their portal rooms are created at once.</summary>
    public List<string> Channels { get; set; } = [];

    /// <summary>Which other channels joining an alias may open (off by default).</summary>
    public IrcDynamicChannelsOptions DynamicChannels { get; set; } = new();

    /// <summary>True: a QUIT leaves the ghost in its rooms (the user is only offline), false: it leaves them.</summary>
    public bool QuitAsPresence { get; set; }

    /// <summary>How long a QUIT waits before the ghost leaves, so a quick reconnect shows nothing; netsplit quits
    /// (<c>server1 server2</c>) wait ten times as long.</summary>
    public TimeSpan QuitDebounce { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Matrix power level per channel membership mode letter; the highest mode a user holds counts.</summary>
    public Dictionary<string, int> PowerLevels { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["q"] = 95, ["a"] = 75, ["o"] = 50, ["h"] = 25, ["v"] = 10,
    };

    /// <summary>IRC events waiting for the bridge core (all of this network's connections together) before the
    /// connections stop reading from the server until the core catches up (backpressure, e.g. while the homeserver is
    /// slow), so memory stays bounded.</summary>
    public int InboxCapacity { get; set; } = 1000;

    /// <summary>Messages from Matrix longer than this many IRC lines are uploaded as a text file: IRC gets the first
    /// lines and a link (served by the bridge, see <c>public_media</c>). 0: every line is sent (paced by flood control).
    /// Servers with <c>draft/multiline</c> get one batch instead.</summary>
    public int MaxLines { get; set; } = 5;
}
