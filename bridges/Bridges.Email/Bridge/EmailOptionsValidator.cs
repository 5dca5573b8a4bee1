using MimeKit;
using Microsoft.Extensions.Options;

namespace Bridges.Email.Bridge;

/// <summary>
/// Checks <see cref="EmailOptions"/> across keys, at start and in <c>check-config</c>; each error names its key.
/// Single-value ranges are data annotations on the options.
/// </summary>
internal sealed class EmailOptionsValidator : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        if (name != EmailNetwork.Plugin.Name)
        {
            return ValidateOptionsResult.Skip;
        }

        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.LoginKey) && options.SharedMailboxes.Count == 0)
        {
            errors.Add("bridges.email.login_key: a key for personal logins, or bridges.email.shared_mailboxes, is required");
        }

        foreach (var (id, mailbox) in options.SharedMailboxes)
        {
            var key = $"bridges.email.shared_mailboxes.{id}";
            if (!EmailIds.IsMailboxName(id))
            {
                errors.Add($"{key}: the name must be 1-32 lowercase letters, digits or dashes");
            }

            if (!MailboxAddress.TryParse(mailbox.Address, out var address) || !address.Address.Contains('@', StringComparison.Ordinal))
            {
                errors.Add($"{key}.address: must be an email address");
            }

            if (string.IsNullOrWhiteSpace(mailbox.ImapHost))
            {
                errors.Add($"{key}.imap_host: is required");
            }

            if (string.IsNullOrWhiteSpace(mailbox.SmtpHost))
            {
                errors.Add($"{key}.smtp_host: is required");
            }

            if (string.IsNullOrEmpty(mailbox.Password))
            {
                errors.Add($"{key}.password: is required (or password_file)");
            }

            if (!options.AllowPlaintext && mailbox.ImapTls == EmailTlsMode.None)
            {
                errors.Add($"{key}.imap_tls: none needs bridges.email.allow_plaintext: true");
            }

            if (!options.AllowPlaintext && mailbox.SmtpTls == EmailTlsMode.None)
            {
                errors.Add($"{key}.smtp_tls: none needs bridges.email.allow_plaintext: true");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
