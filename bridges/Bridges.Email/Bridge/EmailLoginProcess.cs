using System.Text.Json;
using System.Text.Json.Nodes;
using Bridges.Core.Logins;
using Bridges.Core.Security;
using MailKit;
using MimeKit;

namespace Bridges.Email.Bridge;

/// <summary>
/// <c>login</c>: asks for the address, the IMAP and SMTP servers, the security mode, the username and (as a secret
/// field, which the core redacts) the password; checks both servers and stores the password sealed in the login's
/// metadata. The INBOX cursor starts at the mail there now, so only mail from then on is bridged.
/// </summary>
internal sealed class EmailLoginProcess(EmailConnector connector, BridgeUser user) : ILoginProcess
{
    private const string AddressField = "address";
    private const string ImapField = "imap";
    private const string SmtpField = "smtp";
    private const string SecurityField = "security";
    private const string UsernameField = "username";
    private const string PasswordField = "password";

    public Task<LoginStep> StartAsync(CancellationToken ct) => Task.FromResult<LoginStep>(new LoginStep.UserInput(
        "Log in with your mailbox: its mail threads become rooms, and what you write there goes out by mail from you.",
        [
            new LoginField(AddressField, "Email address"),
            new LoginField(ImapField, "IMAP server (host or host:port, default port 993)"),
            new LoginField(SmtpField, "SMTP server (host or host:port, default port 587)"),
            new LoginField(SecurityField, "Security: `tls` (TLS on ports 993/465, STARTTLS required elsewhere)" + (connector.Options.AllowPlaintext ? " or `none`" : string.Empty)),
            new LoginField(UsernameField, "Username (`-` for the address)"),
            new LoginField(PasswordField, "Password", IsSecret: true),
        ]));

    public async Task<LoginStep> SubmitAsync(IReadOnlyDictionary<string, string> input, CancellationToken ct)
    {
        var account = Parse(input);
        var cursor = await CheckImapAsync(account, ct).ConfigureAwait(false);
        await CheckSmtpAsync(account, ct).ConfigureAwait(false);

        var login = new UserLogin(EmailIds.Login(account.Address), user.UserId, account.Address);
        var sealedPassword = connector.Passwords!.Seal(account.Password.Reveal(), Associated(login));
        var metadata = new JsonObject
        {
            [AddressField] = account.Address,
            ["imap_host"] = account.Imap.Host,
            ["imap_port"] = account.Imap.Port,
            ["imap_tls"] = account.Imap.Tls.ToString(),
            ["smtp_host"] = account.Smtp.Host,
            ["smtp_port"] = account.Smtp.Port,
            ["smtp_tls"] = account.Smtp.Tls.ToString(),
            [UsernameField] = account.Username,
            [PasswordField] = sealedPassword,
        };
        using var document = JsonDocument.Parse(metadata.ToJsonString());
        login = login with { Metadata = document.RootElement.Clone() };
        // A first login starts at the mail there now; logging in again keeps the cursor (nothing is bridged twice or skipped).
        await MailCursor.InitialiseAsync(connector.Host.Store, login.Id, cursor, connector.Host.Time, ct).ConfigureAwait(false);
        return new LoginStep.Complete("New mail threads in your INBOX appear as rooms.", login);
    }

    /// <summary>What a sealed password is bound to: its owner and mailbox, so it opens for no other login.</summary>
    public static string Associated(UserLogin login) => login.UserId.Value + "\n" + login.Id.Value;

    /// <summary>The account of a stored login, or null when its password cannot be opened (key missing or changed).</summary>
    public static EmailAccount? AccountOf(UserLogin login, SecretBox? passwords)
    {
        if (login.Metadata is not { ValueKind: JsonValueKind.Object } meta || passwords?.Open(Text(meta, PasswordField), Associated(login)) is not { } password)
        {
            return null;
        }

        return new EmailAccount(Text(meta, AddressField) ?? login.RemoteName, null,
            new MailServer(Text(meta, "imap_host") ?? string.Empty, meta.GetProperty("imap_port").GetInt32(), Enum.Parse<EmailTlsMode>(Text(meta, "imap_tls") ?? "Tls")),
            new MailServer(Text(meta, "smtp_host") ?? string.Empty, meta.GetProperty("smtp_port").GetInt32(), Enum.Parse<EmailTlsMode>(Text(meta, "smtp_tls") ?? "StartTls")),
            Text(meta, UsernameField) ?? login.RemoteName, password);
    }

    public Task CancelAsync(CancellationToken ct) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static string? Text(JsonElement meta, string name) => meta.TryGetProperty(name, out var value) ? value.GetString() : null;

    private EmailAccount Parse(IReadOnlyDictionary<string, string> input)
    {
        string Field(string id) => input.TryGetValue(id, out var value) ? value.Trim() : string.Empty;

        if (!MailboxAddress.TryParse(Field(AddressField), out var address) || !address.Address.Contains('@', StringComparison.Ordinal)
            || address.Address.Any(char.IsControl))
        {
            throw new InvalidOperationException("That is not an email address.");
        }

        var security = Field(SecurityField).ToLowerInvariant();
        var plain = security == "none";
        if (security is not ("tls" or "none") || (plain && !connector.Options.AllowPlaintext))
        {
            throw new InvalidOperationException(connector.Options.AllowPlaintext ? "Security must be `tls` or `none`." : "Security must be `tls` (this bridge allows no plaintext connections).");
        }

        var imap = MailServer.Parse(Field(ImapField), 993, EmailTlsMode.None) ?? throw new InvalidOperationException("The IMAP server must be host or host:port.");
        var smtp = MailServer.Parse(Field(SmtpField), 587, EmailTlsMode.None) ?? throw new InvalidOperationException("The SMTP server must be host or host:port.");
        imap = imap with { Tls = plain ? EmailTlsMode.None : MailServer.SecureFor(imap.Port) };
        smtp = smtp with { Tls = plain ? EmailTlsMode.None : MailServer.SecureFor(smtp.Port) };
        var username = Field(UsernameField) is "" or "-" ? address.Address : Field(UsernameField);
        var password = input.TryGetValue(PasswordField, out var given) ? given : string.Empty;
        if (password.Length == 0)
        {
            throw new InvalidOperationException("The password is empty.");
        }

        return new EmailAccount(address.Address, null, imap, smtp, username, new Secret(password));
    }

    private static async Task<MailCursor> CheckImapAsync(EmailAccount account, CancellationToken ct)
    {
        var server = "The IMAP server " + account.Imap;
        try
        {
            using var imap = await MailSessions.ConnectImapAsync(account, ct).ConfigureAwait(false);
            await imap.Inbox.OpenAsync(FolderAccess.ReadOnly, ct).ConfigureAwait(false);
            var next = imap.Inbox.UidNext?.Id ?? 1;
            var cursor = new MailCursor(imap.Inbox.UidValidity, next - 1, DateTimeOffset.MinValue);
            await imap.DisconnectAsync(true, ct).ConfigureAwait(false);
            return cursor;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new InvalidOperationException(MailSessions.Describe(e, server), e);
        }
    }

    private static async Task CheckSmtpAsync(EmailAccount account, CancellationToken ct)
    {
        var server = "The SMTP server " + account.Smtp;
        try
        {
            using var smtp = await MailSessions.ConnectSmtpAsync(account, ct).ConfigureAwait(false);
            await smtp.DisconnectAsync(true, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new InvalidOperationException(MailSessions.Describe(e, server), e);
        }
    }
}
