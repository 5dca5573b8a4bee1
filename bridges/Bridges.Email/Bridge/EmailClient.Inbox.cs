using System.Globalization;
using Bridges.Core.Content;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using MimeKit;

namespace Bridges.Email.Bridge;

internal sealed partial class EmailClient
{
    /// <summary>
    /// Reads INBOX until stopped: catches up from the stored cursor, then waits in IDLE (renewed every
    /// idle_renew_seconds) or polls where IDLE is not offered. Each mail is pushed and awaited until bridged before
    /// the cursor moves past it. A dropped connection is reopened after a doubling wait (at most
    /// reconnect_max_delay_seconds); a refused password is told to the user once.
    /// </summary>
    private async Task ReadAsync(CancellationToken ct)
    {
        var failures = 0;
        var told = false;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                using var imap = await MailSessions.ConnectImapAsync(_account, ct).ConfigureAwait(false);
                told = false;
                // The wait starts over only once INBOX is open and read: a server that takes the login and then
                // fails every time is retried ever more slowly too.
                await WatchAsync(imap, () => failures = 0, ct).ConfigureAwait(false);
            }
            catch (Exception) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                var delay = TimeSpan.FromSeconds(Math.Min(_connector.Options.ReconnectMaxDelaySeconds, Math.Pow(2, failures++)));
                Log.ReadFailed(_logger, e, _login.Id.Value, delay);
                if (e is AuthenticationException && !told && _shared is null && Host is IUserNotices notices)
                {
                    told = true;
                    await notices.NotifyAsync(_login.UserId, $"The IMAP server {_account.Imap} refused the password of {_account.Address}; log in again with `login`.", ct).ConfigureAwait(false);
                }

                try
                {
                    await Task.Delay(delay, Host.Time, ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task WatchAsync(ImapClient imap, Action reading, CancellationToken ct)
    {
        var inbox = imap.Inbox;
        var changed = false;
        CancellationTokenSource? idling = null;
        // New mail (EXISTS) ends the IDLE; the flag also catches mail announced during the catch-up's own commands.
        inbox.CountChanged += (_, _) =>
        {
            Volatile.Write(ref changed, true);
            idling?.Cancel();
        };
        await inbox.OpenAsync(FolderAccess.ReadOnly, ct).ConfigureAwait(false);
        var cursor = await StartCursorAsync(inbox, ct).ConfigureAwait(false);
        reading();
        var idle = imap.Capabilities.HasFlag(ImapCapabilities.Idle);
        Log.Connected(_logger, _login.Id.Value, _account.Imap.ToString(), cursor.UidValidity, cursor.Uid, idle ? "IDLE" : "polling");
        if (!idle)
        {
            Log.Polling(_logger, _login.Id.Value, TimeSpan.FromSeconds(_connector.Options.PollIntervalSeconds));
        }

        while (true)
        {
            Volatile.Write(ref changed, false);
            cursor = await CatchUpAsync(inbox, cursor, ct).ConfigureAwait(false);
            if (Volatile.Read(ref changed))
            {
                continue;
            }

            if (idle)
            {
                using var renew = new CancellationTokenSource(TimeSpan.FromSeconds(_connector.Options.IdleRenewSeconds), Host.Time);
                idling = renew;
                await imap.IdleAsync(renew.Token, ct).ConfigureAwait(false);
                idling = null;
            }
            else
            {
                await Task.Delay(TimeSpan.FromSeconds(_connector.Options.PollIntervalSeconds), Host.Time, ct).ConfigureAwait(false);
                await imap.NoOpAsync(ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The stored cursor, or a new one at the mail there now; after a UIDVALIDITY change, a safe re-read first.</summary>
    private async Task<MailCursor> StartCursorAsync(IMailFolder inbox, CancellationToken ct)
    {
        var now = (inbox.UidNext?.Id ?? 1) - 1;
        var stored = await MailCursor.LoadAsync(Host.Store, _login.Id, ct).ConfigureAwait(false);
        if (stored is not null && stored.UidValidity == inbox.UidValidity)
        {
            return stored;
        }

        var cursor = new MailCursor(inbox.UidValidity, now, Host.Time.GetUtcNow());
        if (stored is not null)
        {
            // The old UIDs mean nothing now. Mail since a day before the last bridged one is pushed again (up to
            // the UIDNEXT seen at open; later mail follows by UID) and the message map drops what it has by Message-ID.
            var since = stored.BridgedAt.AddDays(-1);
            Log.UidValidityChanged(_logger, _login.Id.Value, stored.UidValidity, inbox.UidValidity, since);
            var uids = await inbox.SearchAsync(SearchQuery.DeliveredAfter(since.UtcDateTime.Date), ct).ConfigureAwait(false);
            foreach (var uid in uids.Where(u => u.Id <= now).OrderBy(u => u.Id))
            {
                await BridgeAsync(inbox, uid, ct).ConfigureAwait(false);
            }
        }

        await cursor.SaveAsync(Host.Store, _login.Id, ct).ConfigureAwait(false);
        return cursor;
    }

    private async Task<MailCursor> CatchUpAsync(IMailFolder inbox, MailCursor cursor, CancellationToken ct)
    {
        // "n:*" names the last mail even when its UID is below n, hence the filter.
        var range = new UniqueIdRange(new UniqueId(cursor.UidValidity, cursor.Uid + 1), UniqueId.MaxValue);
        var uids = await inbox.SearchAsync(SearchQuery.Uids(range), ct).ConfigureAwait(false);
        foreach (var uid in uids.Where(u => u.Id > cursor.Uid).OrderBy(u => u.Id))
        {
            await BridgeAsync(inbox, uid, ct).ConfigureAwait(false);
            cursor = cursor with { Uid = uid.Id, BridgedAt = Host.Time.GetUtcNow() };
            await cursor.SaveAsync(Host.Store, _login.Id, ct).ConfigureAwait(false);
        }

        return cursor;
    }

    /// <summary>Pushes one mail and waits until the core bridged it (or dropped it as a duplicate).</summary>
    private async Task BridgeAsync(IMailFolder inbox, UniqueId uid, CancellationToken ct)
    {
        var (message, leftOut) = await LoadAsync(inbox, uid, ct).ConfigureAwait(false);
        using var disposing = message;
        var id = EmailIds.Message(message, EmailIds.IsUsableId(message.MessageId) ? [] : Serialize(message));
        if (message.From.Mailboxes.FirstOrDefault() is not { } from || !IsAddress(from.Address))
        {
            Log.NoSender(_logger, _login.Id.Value, uid.Id);
            return;
        }

        var sender = EmailIds.User(from.Address);
        if (NetworkHeaders.SafeLine(from.Name) is { } name)
        {
            _names[sender.Value] = name;
        }

        var (portal, replyTo) = await RouteAsync(message, id, ct).ConfigureAwait(false);
        string? echo = null;
        if (_sending.TryGetValue(id.Value, out var pending))
        {
            (portal, echo) = pending;
        }

        var subject = NetworkHeaders.SafeLine(message.Subject) ?? string.Empty;
        var last = await _threads.LastAsync(portal, ct).ConfigureAwait(false);
        // The subject leads a new thread, or a changed one; in a shared mailbox's one room every mail shows it.
        var showSubject = _shared is not null || last is null || StripReply(last.Subject) != StripReply(subject);
        var content = await MailConverter.ToContentAsync(message, _connector.MaxAttachmentBytes, ct).ConfigureAwait(false);
        if (leftOut is not null)
        {
            content = content with { Text = (content.Text + "\n" + leftOut).Trim(), Html = content.Html is null ? null : content.Html + "<p>" + Core.Formatting.MatrixHtml.Escape(leftOut) + "</p>" };
        }

        content = content with { ReplyTo = replyTo, Subject = showSubject ? (subject.Length == 0 ? "(no subject)" : subject) : null };
        // Stored before the push, so a new portal is named after it (GetChatInfoAsync) and an answer finds it; it becomes
        // the portal's last mail once bridged, so a mail pushed again (a crash, a UIDVALIDITY change) moves nothing back.
        await _threads.SaveAsync(portal, new MailRecord(id.Value, subject, sender.Value, Participants(message), References(message)), last: last is null, ct).ConfigureAwait(false);
        var timestamp = message.Date == DateTimeOffset.MinValue ? Host.Time.GetUtcNow() : message.Date;
        // Never IsFromMe, even with our own address in From: anyone can write that header, and double puppeting
        // would post the forgery as the user's own Matrix account. Their address gets a ghost like anyone else.
        var evt = new RemoteMessage(portal, new EventSender(sender, Login: _login.Id), timestamp, id, content, echo);
        var result = await Host.Events.PushAndWaitAsync(evt, ct).ConfigureAwait(false);
        if (result == RemoteEventResult.Failed)
        {
            Log.NotBridged(_logger, _login.Id.Value, uid.Id, id.Value, result.ToString());
        }
        else
        {
            Log.Bridged(_logger, _login.Id.Value, uid.Id, id.Value, portal.ToString(), result.ToString());
        }

        if (result == RemoteEventResult.Bridged && last is not null)
        {
            await _threads.SetLastAsync(portal, id.Value, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The mail, whole when it is within max_mail_bytes. A larger one is not loaded into memory: its headers and text
    /// (plain and HTML bodies) are, and a line names what was left out, so it still reaches the room.
    /// </summary>
    private async Task<(MimeMessage Message, string? LeftOut)> LoadAsync(IMailFolder inbox, UniqueId uid, CancellationToken ct)
    {
        var summary = (await inbox.FetchAsync([uid], new FetchRequest(MessageSummaryItems.Size | MessageSummaryItems.BodyStructure), ct).ConfigureAwait(false)).FirstOrDefault();
        if (summary?.Size is not { } size || size <= _connector.Options.MaxMailBytes)
        {
            return (await inbox.GetMessageAsync(uid, ct).ConfigureAwait(false), null);
        }

        var headers = await inbox.GetHeadersAsync(uid, ct).ConfigureAwait(false);
        var message = new MimeMessage(headers.Where(h => !h.Field.StartsWith("Content-", StringComparison.OrdinalIgnoreCase) && h.Id != HeaderId.MimeVersion));
        var bodies = new MultipartAlternative();
        var texts = summary.BodyParts.OfType<BodyPartText>().Where(p => !p.IsAttachment && p.Octets <= _connector.Options.MaxMailBytes).ToList();
        foreach (var part in new[] { texts.FirstOrDefault(p => p.IsPlain), texts.FirstOrDefault(p => p.IsHtml) }.OfType<BodyPartText>())
        {
            bodies.Add(await inbox.GetBodyPartAsync(uid, part, ct).ConfigureAwait(false));
        }

        message.Body = bodies;
        var names = summary.Attachments.Select(a => NetworkHeaders.SafeLine(a.FileName) ?? "attachment");
        return (message, string.Create(CultureInfo.InvariantCulture,
            $"📎 This mail is {size} bytes, over the {_connector.Options.MaxMailBytes}-byte limit; only its text was bridged, not: {string.Join(", ", names)}."));
    }

    /// <summary>
    /// The portal of a mail: where it already is; else the portal of the nearest bridged mail it answers
    /// (In-Reply-To, then References from the newest); else its thread root's own portal (the first References
    /// entry, or In-Reply-To, or itself), which every later mail of the thread computes the same way.
    /// </summary>
    private async Task<(PortalKey Portal, RemoteMessageId? ReplyTo)> RouteAsync(MimeMessage message, RemoteMessageId id, CancellationToken ct)
    {
        var inReplyTo = EmailIds.IsUsableId(message.InReplyTo) ? new RemoteMessageId(message.InReplyTo!) : (RemoteMessageId?)null;
        if (_shared is not null)
        {
            var mailbox = new PortalKey(EmailIds.MailboxPortal(_shared));
            var mapped = inReplyTo is { } r && (await Host.Messages.FindAsync(mailbox, r, ct).ConfigureAwait(false)).Count > 0;
            return (mailbox, mapped ? inReplyTo : null);
        }

        if (await MinePortalOfAsync(id, ct).ConfigureAwait(false) is { } known)
        {
            return (known, inReplyTo);
        }

        var parents = message.References.Reverse().Prepend(message.InReplyTo).Where(EmailIds.IsUsableId).Distinct(StringComparer.Ordinal);
        foreach (var parent in parents)
        {
            if (await MinePortalOfAsync(new RemoteMessageId(parent!), ct).ConfigureAwait(false) is { } portal)
            {
                return (portal, inReplyTo);
            }
        }

        var root = message.References.FirstOrDefault(EmailIds.IsUsableId) ?? inReplyTo?.Value ?? id.Value;
        return (new PortalKey(EmailIds.ThreadPortal(root), _login.Id), null);
    }

    /// <summary>
    /// This login's portal holding a message. The map answers for the whole network, so a thread bridged for
    /// another login gives its portal id (the same for every login) under this login.
    /// </summary>
    private async Task<PortalKey?> MinePortalOfAsync(RemoteMessageId id, CancellationToken ct)
    {
        var mine = new PortalKey(default, _login.Id);
        return await Host.Messages.FindAnyAsync(id, ct).ConfigureAwait(false) is { } record && (record.Portal.Receiver == _login.Id || EmailIds.IsThreadPortal(record.Portal.Id))
            ? mine with { Id = record.Portal.Id }
            : null;
    }

    private static List<string> Participants(MimeMessage message) =>
        [.. message.From.Mailboxes.Concat(message.To.Mailboxes).Concat(message.Cc.Mailboxes)
            .Select(m => m.Address).Where(IsAddress).Select(a => a.ToLowerInvariant()).Distinct(StringComparer.Ordinal)];

    private static List<string> References(MimeMessage message)
    {
        var all = message.References.Where(EmailIds.IsUsableId).ToList();
        return all.Count <= MailRecord.MaxReferences ? all : [all[0], .. all[^(MailRecord.MaxReferences - 1)..]];
    }

    /// <summary>An address we may write to: one @, printable, no spaces or controls (so it can never carry a header break).</summary>
    internal static bool IsAddress(string? address) =>
        address is { Length: > 2 and <= 254 } && address.Count(c => c == '@') == 1 && address.All(c => c > ' ' && c != '\u007f' && !char.IsControl(c));

    private static byte[] Serialize(MimeMessage message)
    {
        using var buffer = new MemoryStream();
        message.WriteTo(buffer);
        return buffer.ToArray();
    }
}
