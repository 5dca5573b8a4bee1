using System.ComponentModel.DataAnnotations;

namespace Bridges.Email;

/// <summary>One shared mailbox (<c>bridges:email:shared_mailboxes:&lt;name&gt;</c>): its address and servers.</summary>
public sealed class EmailMailboxOptions
{
    /// <summary>The mailbox's address; mail goes out from it.</summary>
    public string Address { get; set; } = string.Empty;

    /// <summary>The name shown on mail from it (relayed mail reads "&lt;sender&gt; via &lt;this&gt;"). Empty: the address.</summary>
    public string? DisplayName { get; set; }

    /// <summary>The IMAP server.</summary>
    public string ImapHost { get; set; } = string.Empty;

    /// <summary>The IMAP port.</summary>
    [Range(1, 65535, ErrorMessage = "must be 1-65535")]
    public int ImapPort { get; set; } = 993;

    /// <summary>How the IMAP connection is secured: tls, starttls or none.</summary>
    public EmailTlsMode ImapTls { get; set; } = EmailTlsMode.Tls;

    /// <summary>The SMTP (submission) server.</summary>
    public string SmtpHost { get; set; } = string.Empty;

    /// <summary>The SMTP port.</summary>
    [Range(1, 65535, ErrorMessage = "must be 1-65535")]
    public int SmtpPort { get; set; } = 587;

    /// <summary>How the SMTP connection is secured: tls, starttls or none.</summary>
    public EmailTlsMode SmtpTls { get; set; } = EmailTlsMode.StartTls;

    /// <summary>The login name on both servers. Empty: the address.</summary>
    public string? Username { get; set; }

    /// <summary>The password on both servers (or <c>password_file</c>).</summary>
    public string? Password { get; set; }
}
