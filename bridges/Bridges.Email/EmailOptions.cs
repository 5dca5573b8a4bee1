using System.ComponentModel.DataAnnotations;

namespace Bridges.Email;

/// <summary>
/// The email bridge's own settings (config section <c>bridges:email</c>, next to the core's bridge settings).
/// Passwords are plain text here only because configuration binds text; the bridge wraps them in a <c>Secret</c> at once.
/// </summary>
public sealed class EmailOptions
{
    /// <summary>The config section.</summary>
    public const string SectionName = "bridges:email";

    /// <summary>
    /// Key (any long random text) that seals the IMAP/SMTP passwords of users who log in with <c>login</c>
    /// (AES-256-GCM). Empty: personal logins are refused and only the shared mailboxes are bridged.
    /// </summary>
    public string? LoginKey { get; set; }

    /// <summary>Whether connections without TLS are allowed (a mail server on localhost, tests). Off: TLS or STARTTLS only.</summary>
    public bool AllowPlaintext { get; set; }

    /// <summary>Largest attachment bridged either way, in bytes; a larger one becomes a notice instead.</summary>
    [Range(typeof(long), "1", "9223372036854775807", ErrorMessage = "must be at least 1")]
    public long MaxAttachmentBytes { get; set; } = 25L * 1024 * 1024;

    /// <summary>
    /// The IMAP folder a copy of each mail sent from Matrix is appended to (created when missing), so the user's other
    /// mail clients show it, e.g. <c>Sent</c>. Empty: no copy (servers such as Gmail file sent mail themselves). Only
    /// INBOX is read, so the copy is never bridged back.
    /// </summary>
    public string? SentFolder { get; set; }

    /// <summary>
    /// Largest mail read whole, in bytes. A larger one is not loaded into memory: its text is bridged with a line
    /// naming the attachments left out.
    /// </summary>
    [Range(typeof(long), "1024", "9223372036854775807", ErrorMessage = "must be at least 1024")]
    public long MaxMailBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>How long one IMAP IDLE runs before it is renewed, in seconds (RFC 2177 asks for less than 29 minutes).</summary>
    [Range(10, 1740, ErrorMessage = "must be between {1} and {2} seconds")]
    public int IdleRenewSeconds { get; set; } = 540;

    /// <summary>How often INBOX is polled on servers that do not offer IDLE, in seconds.</summary>
    [Range(1, 3600, ErrorMessage = "must be between {1} and {2} seconds")]
    public int PollIntervalSeconds { get; set; } = 60;

    /// <summary>The longest wait between reconnects after the IMAP connection failed, in seconds (the wait doubles up to it).</summary>
    [Range(1, 3600, ErrorMessage = "must be between {1} and {2} seconds")]
    public int ReconnectMaxDelaySeconds { get; set; } = 300;

    /// <summary>
    /// Shared mailboxes by name: each one address bridged to one room (portal <c>mailbox-&lt;name&gt;</c>, alias
    /// <c>#email_mailbox-&lt;name&gt;</c>). Every mail to it lands in that room; Matrix users in the room are relayed
    /// from that address with their name.
    /// </summary>
    public Dictionary<string, EmailMailboxOptions> SharedMailboxes { get; set; } = new(StringComparer.Ordinal);
}
