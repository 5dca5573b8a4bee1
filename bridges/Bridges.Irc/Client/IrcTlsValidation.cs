namespace Bridges.Irc.Client;

/// <summary>How the server's TLS certificate is checked.</summary>
internal enum IrcTlsValidation
{
    /// <summary>The operating system's trust store and host name check.</summary>
    System,

    /// <summary>Chain to the CA certificate(s) in <see cref="IrcConnectionOptions.TlsCaFile"/> only, host name still checked.</summary>
    CustomCa,

    /// <summary>No check at all. For tests only: it makes TLS useless against an active attacker.</summary>
    AcceptAny,
}
