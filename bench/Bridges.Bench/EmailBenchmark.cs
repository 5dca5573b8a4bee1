using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Bridges.Email;
using Bridges.Testing;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Bridges.Bench;

/// <summary>
/// Figure 6: email relay throughput through a shared mailbox on the real Postfix + Dovecot of testenv/. Mail→Matrix:
/// mails sent over one SMTP session, delivered by Postfix to the mailbox, read by the bridge's IMAP IDLE and seen by a
/// syncing Matrix user in the mailbox's room. Matrix→mail: a Matrix user's messages in that room, mailed by SMTP and
/// counted in the correspondent's INBOX.
/// </summary>
internal static class EmailBenchmark
{
    private const int WarmUp = 20;
    private const int Mails = 200;
    private const int Answers = 100;
    private const string Password = "password";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public static async Task RunAsync(CancellationToken ct)
    {
        var (smtpHost, smtpPort) = Endpoint("BRIDGES_TEST_SMTP", "127.0.0.1:2525");
        var (imapHost, imapPort) = Endpoint("BRIDGES_TEST_IMAP", "127.0.0.1:1143");
        if (!await IsReachableAsync(smtpHost, smtpPort) || !await IsReachableAsync(imapHost, imapPort))
        {
            await Console.Error.WriteLineAsync("email figures skipped: the test mail servers are not reachable (bash testenv/up.sh)");
            return;
        }

        var domain = Environment.GetEnvironmentVariable("BRIDGES_TEST_MAIL_DOMAIN") is { Length: > 0 } d ? d : "bridges.test";
        var desk = $"benchdesk-{Guid.NewGuid():N}@{domain}";
        var customer = $"benchcustomer-{Guid.NewGuid():N}@{domain}";
        await using var host = await BridgeTestHost.StartAsync(EmailNetwork.Plugin, c =>
        {
            c["bridges:email:allowplaintext"] = "true";
            c["bridges:email:sharedmailboxes:desk:address"] = desk;
            c["bridges:email:sharedmailboxes:desk:imaphost"] = imapHost;
            c["bridges:email:sharedmailboxes:desk:imapport"] = imapPort.ToString(CultureInfo.InvariantCulture);
            c["bridges:email:sharedmailboxes:desk:imaptls"] = "none";
            c["bridges:email:sharedmailboxes:desk:smtphost"] = smtpHost;
            c["bridges:email:sharedmailboxes:desk:smtpport"] = smtpPort.ToString(CultureInfo.InvariantCulture);
            c["bridges:email:sharedmailboxes:desk:smtptls"] = "none";
            c["bridges:email:sharedmailboxes:desk:password"] = Password;
        }, ct: ct);
        var user = await host.CreateUserAsync("benchagent", ct);
        // The shared mailbox's first connection starts at the mail there: wait for its cursor before sending.
        if (!await UntilCursorAsync(host.DatabasePath, ct))
        {
            await Console.Error.WriteLineAsync("email figures skipped: the shared mailbox did not connect");
            return;
        }

        var room = await user.JoinAsync($"#email_mailbox-desk:{host.ServerName}", ct);

        // Mail → Matrix: warm-up, then the measured run.
        await SendMailsAsync(smtpHost, smtpPort, customer, desk, "warm", WarmUp, ct);
        await user.WaitForMessageAsync(room, b => b.EndsWith($"warm {WarmUp - 1:D4}", StringComparison.Ordinal), Timeout, ct);
        var clock = Stopwatch.StartNew();
        await SendMailsAsync(smtpHost, smtpPort, customer, desk, "mail", Mails, ct);
        var sent = clock.Elapsed;
        // Postfix may deliver a burst out of order: done when every measured mail is in the room.
        await user.WaitForEventAsync(room, _ => Bodies(user, room, "mail ") == Mails, Timeout, ct);
        Figure.Print("email_i2m_mails_per_second", Mails / clock.Elapsed.TotalSeconds, "mails/s");
        Figure.Print("email_i2m_smtp_submit_mails_per_second", Mails / sent.TotalSeconds, "mails/s");

        // Matrix → mail: each message answers the room's last mail (the customer's), one SMTP session each.
        clock.Restart();
        for (var i = 0; i < Answers; i++)
        {
            await user.SendTextAsync(room, $"answer {i:D4}", ct: ct);
        }

        var arrived = await CountUntilAsync(imapHost, imapPort, customer, Answers, ct);
        Figure.Print("email_m2i_mails_per_second", arrived / clock.Elapsed.TotalSeconds, "mails/s");
        if (arrived < Answers)
        {
            await Console.Error.WriteLineAsync($"email_m2i: only {arrived} of {Answers} answers arrived within {Timeout.TotalSeconds:0} s");
        }
    }

    private static int Bodies(MatrixTestUser user, Matrix.Ids.RoomId room, string prefix) =>
        user.Timeline(room).Count(e => e.GetProperty("type").GetString() == "m.room.message"
            && e.GetProperty("content").TryGetProperty("body", out var b) && b.GetString()!.Contains(prefix, StringComparison.Ordinal));

    private static async Task SendMailsAsync(string host, int port, string from, string to, string prefix, int count, CancellationToken ct)
    {
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(host, port, SecureSocketOptions.None, ct);
        for (var i = 0; i < count; i++)
        {
            using var message = new MimeMessage();
            message.From.Add(new MailboxAddress("Customer", from));
            message.To.Add(MailboxAddress.Parse(to));
            message.Subject = "Bench";
            message.Body = new TextPart("plain") { Text = $"{prefix} {i:D4}" };
            await smtp.SendAsync(message, ct);
        }

        await smtp.DisconnectAsync(true, ct);
    }

    /// <summary>Polls the INBOX count until <paramref name="expected"/> mails are there or the timeout passes.</summary>
    private static async Task<int> CountUntilAsync(string host, int port, string address, int expected, CancellationToken ct)
    {
        using var imap = new ImapClient();
        await imap.ConnectAsync(host, port, SecureSocketOptions.None, ct);
        await imap.AuthenticateAsync(address, Password, ct);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            await imap.Inbox.StatusAsync(StatusItems.Count, ct);
            if (imap.Inbox.Count >= expected || clock.Elapsed > Timeout)
            {
                return imap.Inbox.Count;
            }

            await Task.Delay(20, ct);
        }
    }

    private static async Task<bool> UntilCursorAsync(string databasePath, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Timeout)
        {
            await using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
            await db.OpenAsync(ct);
            await using var query = db.CreateCommand();
            query.CommandText = "SELECT count(*) FROM kv_store WHERE k = 'cursor:mailbox-desk'";
            if (Convert.ToInt64(await query.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) > 0)
            {
                return true;
            }

            await Task.Delay(20, ct);
        }

        return false;
    }

    private static (string Host, int Port) Endpoint(string variable, string fallback)
    {
        var value = Environment.GetEnvironmentVariable(variable) is { Length: > 0 } v ? v : fallback;
        var colon = value.LastIndexOf(':');
        return (value[..colon], int.Parse(value[(colon + 1)..], CultureInfo.InvariantCulture));
    }

    private static async Task<bool> IsReachableAsync(string host, int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(host, port).WaitAsync(TimeSpan.FromSeconds(5));
            return true;
        }
        catch (Exception e) when (e is SocketException or TimeoutException)
        {
            return false;
        }
    }
}
