using System.Security.Cryptography.X509Certificates;

namespace Bridges.Irc.Client;

/// <summary>Settings of one <see cref="IrcConnection"/>. Defaults aim at a public network.</summary>
internal sealed class IrcConnectionOptions
{
    /// <summary>Capabilities requested when the server offers them (CAP LS 302). <c>sasl</c> is added by itself
    /// when <see cref="Sasl"/> is set.</summary>
    public static readonly IReadOnlyList<string> DefaultCapabilities =
    [
        "account-notify", "account-tag", "away-notify", "batch", "cap-notify", "chghost", "echo-message",
        "extended-join", "invite-notify", "labeled-response", "message-tags", "multi-prefix", "server-time",
        "setname", "userhost-in-names", "standard-replies", "inspircd.org/standard-replies", "draft/multiline",
        "draft/message-redaction", "draft/relaymsg", "draft/chathistory",
    ];

    /// <summary>Server host name or address.</summary>
    public required string Host { get; init; }

    /// <summary>Name used in logs (<c>{Network}</c>); defaults to <see cref="Host"/>.</summary>
    public string? NetworkName { get; init; }

    /// <summary>Server port (6697 is usual for TLS, 6667 for plain text).</summary>
    public int Port { get; init; } = 6697;

    public bool UseTls { get; init; } = true;

    public IrcTlsValidation TlsValidation { get; init; } = IrcTlsValidation.System;

    /// <summary>PEM file with the CA certificate(s) for <see cref="IrcTlsValidation.CustomCa"/>.</summary>
    public string? TlsCaFile { get; init; }

    /// <summary>Name used for SNI and the certificate name check; defaults to <see cref="Host"/>.</summary>
    public string? TlsServerName { get; init; }

    /// <summary>Client certificate (with private key) for CertFP / SASL EXTERNAL.</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>Nick to register with; alternatives are derived from it on collision.</summary>
    public required string Nick { get; init; }

    /// <summary>USER name (ident); defaults to a sanitised <see cref="Nick"/>.</summary>
    public string? UserName { get; init; }

    /// <summary>Real name (gecos); defaults to <see cref="Nick"/>.</summary>
    public string? RealName { get; init; }

    /// <summary>Server password (PASS), if the server needs one.</summary>
    public IrcSecret? ServerPassword { get; init; }

    public IrcSaslMechanism Sasl { get; init; } = IrcSaslMechanism.None;

    /// <summary>SASL account (authcid/authzid for PLAIN); defaults to <see cref="Nick"/>.</summary>
    public string? SaslAccount { get; init; }

    public IrcSecret? SaslPassword { get; init; }

    /// <summary>When SASL is configured and fails or is not offered: true aborts the connection (no reconnect),
    /// false continues unauthenticated.</summary>
    public bool SaslRequired { get; init; } = true;

    /// <summary>Password for <c>NickServ IDENTIFY</c> after registration when not logged in by SASL.</summary>
    public IrcSecret? NickServPassword { get; init; }

    /// <summary>
    /// Awaited before each received line once registered (backpressure): a task that completes when the owner can take
    /// more events. Null: read as fast as lines come. Skipped while a send waits for the server's reply.
    /// </summary>
    public Func<CancellationToken, ValueTask>? InboundGate { get; init; }

    /// <summary>Capabilities to request if offered.</summary>
    public IReadOnlyList<string> Capabilities { get; init; } = DefaultCapabilities;

    /// <summary>Keep member lists, modes and topics of joined channels (off for puppets that never read them).</summary>
    public bool TrackChannelMembers { get; init; } = true;

    /// <summary>Send a PING when the server has been silent this long.</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Drop the connection when the server has been silent this long.</summary>
    public TimeSpan PingTimeout { get; init; } = TimeSpan.FromSeconds(150);

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Limit for the whole registration (CAP, SASL, NICK/USER up to end of MOTD).</summary>
    public TimeSpan RegistrationTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long to wait for the server's answer to a written command (echo, labeled reply, WHOIS, JOIN).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Reconnect after a registered connection drops (not after auth failures or a requested disconnect).</summary>
    public bool AutoReconnect { get; init; } = true;

    public TimeSpan ReconnectInitialDelay { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Random spread of each backoff delay, as a fraction (0.25 = ±25 %), so many puppets do not
    /// reconnect in lock-step after a netsplit.</summary>
    public double ReconnectJitter { get; init; } = 0.25;

    /// <summary>Failed reconnect attempts in a row before giving up (<see cref="int.MaxValue"/>: never).</summary>
    public int MaxReconnectAttempts { get; init; } = int.MaxValue;

    /// <summary>Lines that may be sent back to back before the rate applies (token bucket size).</summary>
    public int FloodBurst { get; init; } = 5;

    /// <summary>Time per line once the burst is used up. One line per second is the sustained rate that the
    /// common servers' defaults tolerate indefinitely even with long lines (InspIRCd commandrate=1000 with
    /// fakelag and an 8 KB recvq, Solanum/Charybdis client flood limits, UnrealIRCd lag-penalty 1 s);
    /// anything faster eventually builds up a server-side queue and an "Excess Flood"/"RecvQ exceeded" kill.
    /// Raise it only where the network grants the bridge an exemption.</summary>
    public TimeSpan FloodInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Answer CTCP VERSION/PING/TIME/CLIENTINFO.</summary>
    public bool AnswerCtcp { get; init; } = true;

    public string CtcpVersion { get; init; } = "Bridges IRC bridge";

    public string QuitMessage { get; init; } = "Bridges";

    /// <summary>How long a disconnect waits for the server to close the link after our QUIT was written
    /// (and how long disposal waits at most for the QUIT to go out).</summary>
    public TimeSpan QuitTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Margin subtracted from the computed PRIVMSG text budget for server quirks (multiline.md suggests 10).</summary>
    public int LineSafetyMargin { get; init; } = 10;

    /// <summary>Checks the options and throws <see cref="ArgumentException"/> for an unusable combination.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Host);
        ArgumentException.ThrowIfNullOrWhiteSpace(Nick);
        ArgumentOutOfRangeException.ThrowIfLessThan(Port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, 65535);
        ArgumentOutOfRangeException.ThrowIfLessThan(FloodBurst, 1);
        if (FloodInterval < TimeSpan.Zero || PingInterval <= TimeSpan.Zero || PingTimeout <= PingInterval)
        {
            throw new ArgumentException("Need FloodInterval >= 0 and 0 < PingInterval < PingTimeout.");
        }

        if (Sasl == IrcSaslMechanism.Plain && SaslPassword is null)
        {
            throw new ArgumentException("SASL PLAIN needs SaslPassword.");
        }

        if (TlsValidation == IrcTlsValidation.CustomCa && string.IsNullOrEmpty(TlsCaFile))
        {
            throw new ArgumentException("TlsValidation CustomCa needs TlsCaFile.");
        }
    }
}
