using System.Net.Sockets;
using Bridges.Core.Content;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Search;
using MailKit.Security;
using MimeKit;

namespace Bridges.Email.Bridge;

internal sealed partial class EmailClient
{
    /// <summary>
    /// Mails a Matrix message as an answer: to the mail it replies to (else the portal's last mail), to that mail's
    /// correspondents (in a shared mailbox, to its sender), with In-Reply-To, References and "Re: subject", and a
    /// Message-ID of our own that the core maps, so the copy that may come back through INBOX is dropped as our echo.
    /// Every header value is one line (controls stripped) and MimeKit encodes it, so no Matrix text can add a header.
    /// </summary>
    public async Task<SendResult> SendMessageAsync(OutgoingMessage message, CancellationToken ct)
    {
        var parent = await ParentAsync(message, ct).ConfigureAwait(false)
            ?? throw new RemotePermanentException("There is no mail in this room to answer yet, so there is no one to send this to.");
        var recipients = (_shared is not null && parent.From != Self.Value ? [parent.From] : parent.Participants)
            .Where(p => p != Self.Value && IsAddress(p)).Distinct(StringComparer.Ordinal).ToList();
        if (recipients.Count == 0)
        {
            throw new RemotePermanentException("That mail has no correspondent but this mailbox, so there is no one to send this to.");
        }

        using var mail = new MimeMessage();
        mail.From.Add(new MailboxAddress(FromName(message), _account.Address));
        foreach (var recipient in recipients)
        {
            // Stored addresses came from parsed mail; one MimeKit would not write back is skipped, not sent broken.
            if (MailboxAddress.TryParse(recipient, out var address))
            {
                address.Name = _names.TryGetValue(recipient, out var name) ? name : null;
                mail.To.Add(address);
            }
        }

        if (mail.To.Count == 0)
        {
            throw new RemotePermanentException("None of that mail's correspondents has an address that can be written to.");
        }

        var domain = _account.Address[(_account.Address.LastIndexOf('@') + 1)..];
        var messageId = EmailIds.OwnMessageId(message.EchoToken, domain);
        mail.MessageId = messageId;
        mail.InReplyTo = parent.MessageId;
        foreach (var reference in parent.ReferencesOfReply())
        {
            mail.References.Add(reference);
        }

        var subject = NetworkHeaders.SafeLine(message.Content.Subject) ?? "Re: " + StripReply(parent.Subject);
        mail.Subject = NetworkHeaders.SafeLine(subject) ?? "Re:";
        mail.Date = Host.Time.GetUtcNow();
        mail.Body = await MailConverter.ToBodyAsync(message.Content, _connector.MaxAttachmentBytes, ct).ConfigureAwait(false);

        // Until the core maps the id, a copy arriving through INBOX is recognised as our own echo by its Message-ID.
        _sending[messageId] = (message.Portal, message.EchoToken);
        try
        {
            await SendAsync(mail, ct).ConfigureAwait(false);
        }
        finally
        {
            _sending.TryRemove(messageId, out _);
        }

        await CopyToSentAsync(mail, ct).ConfigureAwait(false);
        await _threads.SaveAsync(message.Portal, new MailRecord(messageId, mail.Subject, Self.Value, [Self.Value, .. recipients], [.. parent.ReferencesOfReply()]), last: true, ct).ConfigureAwait(false);
        Log.Sent(_logger, _login.Id.Value, messageId, message.Portal.ToString(), recipients.Count);
        return new SendResult(new RemoteMessageId(messageId), mail.Date);
    }

    /// <summary>
    /// After a crash mid-send: the mail is delivered if its Message-ID (derived from the echo token) is in
    /// sent_folder. Absent, or without a sent folder, nobody can tell (the SMTP server keeps no record we can ask), so
    /// the core sends again, with the same Message-ID.
    /// </summary>
    public async Task<DeliveryProbeResult> ProbeAsync(OutgoingMessage message, DateTimeOffset since, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(_connector.Options.SentFolder))
        {
            return new DeliveryProbeResult(DeliveryState.Unknown);
        }

        var messageId = EmailIds.OwnMessageId(message.EchoToken, _account.Address[(_account.Address.LastIndexOf('@') + 1)..]);
        using var imap = await MailSessions.ConnectImapAsync(_account, ct).ConfigureAwait(false);
        var personal = imap.GetFolder(imap.PersonalNamespaces[0]);
        var name = _connector.Options.SentFolder.Trim();
        if ((await personal.GetSubfoldersAsync(false, ct).ConfigureAwait(false)).FirstOrDefault(f => f.Name == name) is not { } folder)
        {
            return new DeliveryProbeResult(DeliveryState.Unknown);
        }

        await folder.OpenAsync(FolderAccess.ReadOnly, ct).ConfigureAwait(false);
        var found = await folder.SearchAsync(SearchQuery.HeaderContains("Message-ID", messageId).And(SearchQuery.DeliveredAfter(since.UtcDateTime.Date.AddDays(-1))), ct).ConfigureAwait(false);
        await imap.DisconnectAsync(true, ct).ConfigureAwait(false);
        return found.Count > 0 ? new DeliveryProbeResult(DeliveryState.Delivered, new RemoteMessageId(messageId)) : new DeliveryProbeResult(DeliveryState.Unknown);
    }

    /// <summary>The mail answered: the nearest known one of the reply chain, else the portal's last mail.</summary>
    private async Task<MailRecord?> ParentAsync(OutgoingMessage message, CancellationToken ct)
    {
        var chain = message.ReplyChain.Count > 0 ? message.ReplyChain : message.Content.ReplyTo is { } r ? [r] : [];
        foreach (var id in chain)
        {
            if (await _threads.FindAsync(id.Value, ct).ConfigureAwait(false) is { } known)
            {
                return known;
            }
        }

        return await _threads.LastAsync(message.Portal, ct).ConfigureAwait(false);
    }

    /// <summary>A shared mailbox shows who wrote ("Alice via Support"); a user's own mail their Matrix name.</summary>
    private string? FromName(OutgoingMessage message)
    {
        var mailbox = _account.DisplayName ?? _account.Address;
        var name = _shared is null ? message.Sender.DisplayName : message.Relay is { } relay ? $"{relay.DisplayName} via {mailbox}" : _account.DisplayName;
        return NetworkHeaders.SafeLine(name);
    }

    /// <summary>Appends the sent mail to sent_folder, if set. The mail is out already, so a failure here is logged, not retried.</summary>
    private async Task CopyToSentAsync(MimeMessage mail, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(_connector.Options.SentFolder))
        {
            return;
        }

        try
        {
            using var imap = await MailSessions.ConnectImapAsync(_account, ct).ConfigureAwait(false);
            var personal = imap.GetFolder(imap.PersonalNamespaces[0]);
            var name = _connector.Options.SentFolder.Trim();
            var folder = (await personal.GetSubfoldersAsync(false, ct).ConfigureAwait(false)).FirstOrDefault(f => f.Name == name)
                ?? await personal.CreateAsync(name, true, ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The folder {name} cannot be created.");
            await folder.AppendAsync(mail, MessageFlags.Seen, ct).ConfigureAwait(false);
            await imap.DisconnectAsync(true, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.SentCopyFailed(_logger, e, _login.Id.Value, _connector.Options.SentFolder);
        }
    }

    private async Task SendAsync(MimeMessage mail, CancellationToken ct)
    {
        try
        {
            using var smtp = await MailSessions.ConnectSmtpAsync(_account, ct).ConfigureAwait(false);
            await smtp.SendAsync(mail, ct).ConfigureAwait(false);
            await smtp.DisconnectAsync(true, ct).ConfigureAwait(false);
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode >= 500)
        {
            throw new RemotePermanentException($"The mail server refused the mail: {e.Message}", e);
        }
        catch (AuthenticationException e)
        {
            throw new RemotePermanentException($"The SMTP server {_account.Smtp} refused the username or password; log in again.", e);
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or IOException or SocketException or ServiceNotConnectedException or SslHandshakeException)
        {
            throw new RemoteTransientException($"The SMTP server {_account.Smtp} failed: {e.Message}", e);
        }
    }
}
