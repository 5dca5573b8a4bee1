namespace Bridges.Irc.Client;

/// <summary>Why a connection (session) ended.</summary>
internal enum IrcDisconnectReason
{
    /// <summary>We asked for it (<see cref="IIrcConnection.DisconnectAsync"/> or disposal).</summary>
    Requested,

    /// <summary>The server sent <c>ERROR</c> (kill, ban, quit confirmation…) and closed the link.</summary>
    ServerError,

    /// <summary>The socket closed or failed without an ERROR.</summary>
    ConnectionLost,

    /// <summary>No data from the server within the ping timeout.</summary>
    PingTimeout,

    /// <summary>SASL failed (904/905/902/906) or SASL was required but not offered.</summary>
    AuthenticationFailed,

    /// <summary>Registration did not finish (no usable nick, timeout, server refused PASS…).</summary>
    RegistrationFailed,

    /// <summary>TCP or TLS connect failed.</summary>
    ConnectFailed,
}
