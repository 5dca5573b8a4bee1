namespace Bridges.Email;

/// <summary>How a mail server connection is secured.</summary>
public enum EmailTlsMode
{
    /// <summary>TLS from the first byte (IMAPS 993, SMTPS 465).</summary>
    Tls,

    /// <summary>Plain connection upgraded with STARTTLS, which must be offered (IMAP 143, submission 587).</summary>
    StartTls,

    /// <summary>No TLS at all: only where <see cref="EmailOptions.AllowPlaintext"/> is on (a local test server).</summary>
    None,
}
