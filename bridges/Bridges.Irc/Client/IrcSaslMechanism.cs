namespace Bridges.Irc.Client;

/// <summary>SASL mechanism used during registration (sasl-3.1.md / sasl-3.2.md).</summary>
internal enum IrcSaslMechanism
{
    /// <summary>No SASL.</summary>
    None,

    /// <summary>RFC 4616 PLAIN: account + password.</summary>
    Plain,

    /// <summary>RFC 4422 EXTERNAL: the TLS client certificate identifies the account.</summary>
    External,
}
