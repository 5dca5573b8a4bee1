using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Bridges.Email.Bridge;

/// <summary>Opens authenticated IMAP and SMTP sessions for an account (TLS as configured, never downgraded).</summary>
internal static class MailSessions
{
    /// <summary>Bounds each command, so a dead server cannot hang the reader (IDLE has its own renewal).</summary>
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    public static async Task<ImapClient> ConnectImapAsync(EmailAccount account, CancellationToken ct)
    {
        var imap = new ImapClient { Timeout = (int)CommandTimeout.TotalMilliseconds };
        try
        {
            await imap.ConnectAsync(account.Imap.Host, account.Imap.Port, Socket(account.Imap.Tls), ct).ConfigureAwait(false);
            await imap.AuthenticateAsync(account.Username, account.Password.Reveal(), ct).ConfigureAwait(false);
            return imap;
        }
        catch
        {
            imap.Dispose();
            throw;
        }
    }

    public static async Task<SmtpClient> ConnectSmtpAsync(EmailAccount account, CancellationToken ct)
    {
        var smtp = new SmtpClient { Timeout = (int)CommandTimeout.TotalMilliseconds };
        try
        {
            await smtp.ConnectAsync(account.Smtp.Host, account.Smtp.Port, Socket(account.Smtp.Tls), ct).ConfigureAwait(false);
            // A server that takes mail without AUTH (a local relay) gets none; one that offers it gets the account's.
            if (smtp.Capabilities.HasFlag(SmtpCapabilities.Authentication))
            {
                await smtp.AuthenticateAsync(account.Username, account.Password.Reveal(), ct).ConfigureAwait(false);
            }

            return smtp;
        }
        catch
        {
            smtp.Dispose();
            throw;
        }
    }

    /// <summary>What a failed connection says to a user: never the password, never a stack trace.</summary>
    public static string Describe(Exception e, string server) => e switch
    {
        AuthenticationException => $"{server} refused the username or password.",
        SslHandshakeException => $"The TLS handshake with {server} failed (wrong port for the security mode, or an untrusted certificate).",
        System.Net.Sockets.SocketException or IOException or ServiceNotConnectedException => $"{server} cannot be reached.",
        ProtocolException or CommandException => $"{server} answered unexpectedly: {e.Message}",
        _ => $"{server} failed: {e.Message}",
    };

    private static SecureSocketOptions Socket(EmailTlsMode tls) => tls switch
    {
        EmailTlsMode.Tls => SecureSocketOptions.SslOnConnect,
        EmailTlsMode.StartTls => SecureSocketOptions.StartTls,
        _ => SecureSocketOptions.None,
    };
}
