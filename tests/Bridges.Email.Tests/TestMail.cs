using System.Globalization;
using System.Security.Cryptography;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Bridges.Email.Tests;

/// <summary>
/// The real Postfix + Dovecot of testenv/ from the test's side: unique mailboxes, sending with SMTP and reading an
/// INBOX (parsed and raw) with IMAP. Every localpart@bridges.test exists, with password "password".
/// </summary>
internal static class TestMail
{
    public const string Password = "password";

    public static (string Host, int Port) Smtp => Endpoint("BRIDGES_TEST_SMTP", "127.0.0.1:2525");

    public static (string Host, int Port) Imap => Endpoint("BRIDGES_TEST_IMAP", "127.0.0.1:1143");

    public static string Domain => Environment.GetEnvironmentVariable("BRIDGES_TEST_MAIL_DOMAIN") is { Length: > 0 } d ? d : "bridges.test";

    /// <summary>A fresh address nobody else uses (its Maildir is created on first delivery).</summary>
    public static string NewAddress(string name) => $"{name}-{RandomNumberGenerator.GetHexString(10, lowercase: true)}@{Domain}";

    public static string ImapServer => string.Create(CultureInfo.InvariantCulture, $"{Imap.Host}:{Imap.Port}");

    public static string SmtpServer => string.Create(CultureInfo.InvariantCulture, $"{Smtp.Host}:{Smtp.Port}");

    public static async Task SendAsync(MimeMessage message, CancellationToken ct = default)
    {
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(Smtp.Host, Smtp.Port, SecureSocketOptions.None, ct);
        await smtp.SendAsync(message, ct);
        await smtp.DisconnectAsync(true, ct);
    }

    /// <summary>Delivers <paramref name="message"/> as it is (headers untouched) to <paramref name="to"/> only.</summary>
    public static async Task SendAsIsAsync(MimeMessage message, string from, string to, CancellationToken ct = default)
    {
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(Smtp.Host, Smtp.Port, SecureSocketOptions.None, ct);
        await smtp.SendAsync(message, MailboxAddress.Parse(from), [MailboxAddress.Parse(to)], ct);
        await smtp.DisconnectAsync(true, ct);
    }

    /// <summary>A plain-text mail; the Message-ID is set so the test can thread on it.</summary>
    public static MimeMessage Text(string from, string fromName, string to, string subject, string body, MimeMessage? inReplyTo = null)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(fromName, from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId(Domain);
        message.Date = DateTimeOffset.UtcNow;
        if (inReplyTo is not null)
        {
            message.InReplyTo = inReplyTo.MessageId;
            foreach (var reference in inReplyTo.References)
            {
                message.References.Add(reference);
            }

            message.References.Add(inReplyTo.MessageId!);
        }

        message.Body = new TextPart("plain") { Text = body };
        return message;
    }

    /// <summary>Waits until <paramref name="address"/>'s INBOX holds a mail matching <paramref name="match"/>; returns it with its raw text.</summary>
    public static async Task<(MimeMessage Message, string Raw)> WaitForMailAsync(string address, Func<MimeMessage, bool> match, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        using var imap = new ImapClient();
        await imap.ConnectAsync(Imap.Host, Imap.Port, SecureSocketOptions.None, deadline.Token);
        await imap.AuthenticateAsync(address, Password, deadline.Token);
        var seen = 0;
        while (true)
        {
            await imap.Inbox.OpenAsync(FolderAccess.ReadOnly, deadline.Token);
            for (; seen < imap.Inbox.Count; seen++)
            {
                using var stream = new MemoryStream();
                var message = await imap.Inbox.GetMessageAsync(seen, deadline.Token);
                if (match(message))
                {
                    await message.WriteToAsync(stream, deadline.Token);
                    return (message, System.Text.Encoding.UTF8.GetString(stream.ToArray()));
                }
            }

            // Dovecot tells of new mail on the next command; NOOP every moment until the deadline.
            await Task.Delay(100, deadline.Token);
            await imap.Inbox.CloseAsync(false, deadline.Token);
        }
    }

    /// <summary>The plain bodies of <paramref name="address"/>'s INBOX in UID order (Postfix may deliver a burst out of order).</summary>
    public static async Task<List<string>> BodiesAsync(string address)
    {
        using var imap = new ImapClient();
        await imap.ConnectAsync(Imap.Host, Imap.Port, SecureSocketOptions.None);
        await imap.AuthenticateAsync(address, Password);
        await imap.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var bodies = new List<string>();
        for (var i = 0; i < imap.Inbox.Count; i++)
        {
            using var message = await imap.Inbox.GetMessageAsync(i);
            bodies.Add(message.TextBody?.Trim() ?? string.Empty);
        }

        return bodies;
    }

    /// <summary>The Message-IDs in one of <paramref name="address"/>'s folders (none when it does not exist).</summary>
    public static async Task<List<string>> MessageIdsInAsync(string address, string folderName)
    {
        using var imap = new ImapClient();
        await imap.ConnectAsync(Imap.Host, Imap.Port, SecureSocketOptions.None);
        await imap.AuthenticateAsync(address, Password);
        var personal = imap.GetFolder(imap.PersonalNamespaces[0]);
        var folder = (await personal.GetSubfoldersAsync(false)).FirstOrDefault(f => f.Name == folderName);
        if (folder is null)
        {
            return [];
        }

        await folder.OpenAsync(FolderAccess.ReadOnly);
        var ids = new List<string>();
        for (var i = 0; i < folder.Count; i++)
        {
            using var message = await folder.GetMessageAsync(i);
            ids.Add(message.MessageId ?? string.Empty);
        }

        return ids;
    }

    /// <summary>How many mails <paramref name="address"/>'s INBOX holds now.</summary>
    public static async Task<int> CountAsync(string address)
    {
        using var imap = new ImapClient();
        await imap.ConnectAsync(Imap.Host, Imap.Port, SecureSocketOptions.None);
        await imap.AuthenticateAsync(address, Password);
        await imap.Inbox.OpenAsync(FolderAccess.ReadOnly);
        return imap.Inbox.Count;
    }

    private static (string Host, int Port) Endpoint(string variable, string fallback)
    {
        var value = Environment.GetEnvironmentVariable(variable) is { Length: > 0 } v ? v : fallback;
        var colon = value.LastIndexOf(':');
        return (value[..colon], int.Parse(value[(colon + 1)..], CultureInfo.InvariantCulture));
    }
}
