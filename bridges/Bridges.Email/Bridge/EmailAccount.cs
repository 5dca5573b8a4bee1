using Bridges.Core.Security;

namespace Bridges.Email.Bridge;

/// <summary>One mailbox's address and servers: a user's login, or a shared mailbox from the config.</summary>
internal sealed record EmailAccount(string Address, string? DisplayName, MailServer Imap, MailServer Smtp, string Username, Secret Password)
{
    public static EmailAccount FromOptions(EmailMailboxOptions options) => new(
        options.Address.Trim(), string.IsNullOrWhiteSpace(options.DisplayName) ? null : options.DisplayName.Trim(),
        new MailServer(options.ImapHost.Trim(), options.ImapPort, options.ImapTls),
        new MailServer(options.SmtpHost.Trim(), options.SmtpPort, options.SmtpTls),
        string.IsNullOrWhiteSpace(options.Username) ? options.Address.Trim() : options.Username.Trim(),
        new Secret(options.Password ?? string.Empty));
}
