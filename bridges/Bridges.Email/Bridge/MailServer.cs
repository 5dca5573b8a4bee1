using System.Globalization;

namespace Bridges.Email.Bridge;

/// <summary>A mail server's address and how its connection is secured.</summary>
internal sealed record MailServer(string Host, int Port, EmailTlsMode Tls)
{
    /// <summary>Parses <c>host:port</c> (or <c>host</c> with <paramref name="defaultPort"/>); null when malformed.</summary>
    public static MailServer? Parse(string text, int defaultPort, EmailTlsMode tls)
    {
        text = text.Trim();
        var colon = text.LastIndexOf(':');
        var host = colon < 0 ? text : text[..colon];
        var port = defaultPort;
        if (colon >= 0 && !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port))
        {
            return null;
        }

        return host.Length == 0 || host.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) || port is < 1 or > 65535 ? null : new MailServer(host, port, tls);
    }

    /// <summary>TLS from the first byte on the implicit-TLS ports (IMAPS, SMTPS), required STARTTLS elsewhere.</summary>
    public static EmailTlsMode SecureFor(int port) => port is 993 or 465 ? EmailTlsMode.Tls : EmailTlsMode.StartTls;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}");
}
