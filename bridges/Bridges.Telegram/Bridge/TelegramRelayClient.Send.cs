using System.Net;
using Bridges.Core.Content;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace Bridges.Telegram.Bridge;

/// <summary>Matrix to Telegram: messages (split at 4096 characters), media, edits, deletions and reactions.</summary>
internal sealed partial class TelegramRelayClient
{
    private const int MaxText = 4096;
    private const int MaxCaption = 1024;
    private const long MaxPhotoBytes = 10L * 1024 * 1024;

    /// <summary>
    /// Sends a message as one or more Bot API calls (text pieces, then each file). The parts already sent are
    /// remembered under the Matrix event (the echo token) in the plugin store, so when the core retries after a
    /// transient failure of a later part, or after a restart, the send resumes where it stopped instead of repeating.
    /// </summary>
    public async Task<SendResult> SendMessageAsync(OutgoingMessage message, CancellationToken ct)
    {
        var chat = await ChatOfAsync(message.Portal, ct).ConfigureAwait(false);
        var (text, entities) = TelegramHtmlWriter.Convert(message.Content);
        var reply = ReplyTo(message.Content.ReplyTo, chat);
        int? thread = null;
        if (message.Content.ThreadRoot is { } root && TelegramIds.TryParseMessage(root, out var rootChat, out var rootId) && rootChat == chat)
        {
            // Only forums have threads (message_thread_id); elsewhere a Matrix thread reply becomes a reply to its root.
            if (await IsForumAsync(chat, ct).ConfigureAwait(false))
            {
                thread = rootId;
            }
            else
            {
                reply ??= new ReplyParameters { MessageId = rootId, AllowSendingWithoutReply = true };
            }
        }

        var attachments = message.Content.Attachments;
        var captioned = attachments.Count > 0 && text.Length <= MaxCaption;
        var parts = new List<Func<ReplyParameters?, Task<Message>>>();
        if (text.Length > 0 && !captioned)
        {
            foreach (var (piece, pieceEntities) in TelegramHtmlWriter.Split(text, entities, MaxText))
            {
                parts.Add(replyTo => Call(() => _bot.SendMessage(chat, piece, entities: pieceEntities, replyParameters: replyTo,
                    messageThreadId: thread, cancellationToken: ct), chat));
            }
        }

        foreach (var media in attachments)
        {
            var caption = captioned && media == attachments[0] ? text : null;
            parts.Add(replyTo => SendMediaAsync(chat, media, caption, caption is null ? null : entities, replyTo, thread, ct));
        }

        var progress = await SendProgress.LoadAsync(Host.Store, message.EchoToken, ct).ConfigureAwait(false);
        try
        {
            for (var i = progress.Count; i < parts.Count; i++)
            {
                var sent = await parts[i](progress.Count == 0 ? reply : null).ConfigureAwait(false);
                await progress.AddAsync(sent.Id, Time(sent.Date), ct).ConfigureAwait(false);
            }
        }
        catch (RemotePermanentException)
        {
            // The core gives up on the message: nothing is left to resume.
            await progress.ClearAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        var first = progress.First;
        await progress.ClearAsync(ct).ConfigureAwait(false);
        return first is { } f ? new SendResult(TelegramIds.Message(chat, f.MessageId), f.Date) : new SendResult(null);
    }

    /// <summary>
    /// One file, as what Telegram shows best: photos inline, GIFs looping, voice notes playable. Images beyond
    /// sendPhoto's limits, or refused as photos, go as documents.
    /// </summary>
    private async Task<Message> SendMediaAsync(long chat, MediaSource media, string? caption, IEnumerable<MessageEntity>? captionEntities, ReplyParameters? replyTo,
        int? thread, CancellationToken ct)
    {
        var mime = media.MimeType.Split(';')[0].Trim().ToLowerInvariant();
        if (media.Kind == MediaKind.Image && mime != "image/gif" && FitsSendPhoto(media))
        {
            try
            {
                return await WithFileAsync(media, file => _bot.SendPhoto(chat, file, caption, captionEntities: captionEntities, replyParameters: replyTo,
                    messageThreadId: thread, cancellationToken: ct), chat, ct).ConfigureAwait(false);
            }
            catch (RemotePermanentException e) when (e.InnerException is ApiRequestException { ErrorCode: 400, Message: var m } && IsPhotoRefusal(m))
            {
                Log.PhotoAsDocument(_logger, media.FileName, m);
            }
        }

        var seconds = media.Duration is { } d ? (int?)Math.Max(1, (int)d.TotalSeconds) : null;
        var (width, height) = media.Dimensions ?? (0, 0);
        int? w = width > 0 ? width : null, h = height > 0 ? height : null;
        return (media.Kind, mime) switch
        {
            (_, "image/gif") => await WithFileAsync(media, file => _bot.SendAnimation(chat, file, caption, captionEntities: captionEntities, replyParameters: replyTo,
                messageThreadId: thread, width: w, height: h, cancellationToken: ct), chat, ct).ConfigureAwait(false),
            (MediaKind.Video, _) => await WithFileAsync(media, file => _bot.SendVideo(chat, file, caption, captionEntities: captionEntities, replyParameters: replyTo,
                messageThreadId: thread, duration: seconds, width: w, height: h, cancellationToken: ct), chat, ct).ConfigureAwait(false),
            (MediaKind.Audio, "audio/ogg" or "audio/opus") => await WithFileAsync(media, file => _bot.SendVoice(chat, file, caption, captionEntities: captionEntities,
                replyParameters: replyTo, messageThreadId: thread, duration: seconds, cancellationToken: ct), chat, ct).ConfigureAwait(false),
            (MediaKind.Audio, _) => await WithFileAsync(media, file => _bot.SendAudio(chat, file, caption, captionEntities: captionEntities, replyParameters: replyTo,
                messageThreadId: thread, duration: seconds, cancellationToken: ct), chat, ct).ConfigureAwait(false),
            _ => await WithFileAsync(media, file => _bot.SendDocument(chat, file, caption, captionEntities: captionEntities, replyParameters: replyTo,
                messageThreadId: thread, cancellationToken: ct), chat, ct).ConfigureAwait(false),
        };
    }

    /// <summary>sendPhoto takes at most 10 MB, width + height at most 10000 and a side ratio of at most 20.</summary>
    private static bool FitsSendPhoto(MediaSource media) =>
        !(media.Size > MaxPhotoBytes)
        && !(media.Dimensions is var (w, h) && w > 0 && h > 0 && (w + h > 10_000 || Math.Max(w, h) > 20.0 * Math.Min(w, h)));

    /// <summary>Telegram's answers for a file it will not take as a photo (but would as a document).</summary>
    private static bool IsPhotoRefusal(string message) =>
        message.Contains("PHOTO_INVALID_DIMENSIONS", StringComparison.Ordinal) || message.Contains("PHOTO_SAVE_FILE_INVALID", StringComparison.Ordinal)
        || message.Contains("IMAGE_PROCESS_FAILED", StringComparison.Ordinal) || message.Contains("PHOTO_EXT_INVALID", StringComparison.Ordinal)
        || message.Contains("PHOTO_INVALID", StringComparison.Ordinal);

    /// <summary>Opens the file for one call (a fallback opens it again).</summary>
    private async Task<Message> WithFileAsync(MediaSource media, Func<InputFile, Task<Message>> send, long chat, CancellationToken ct)
    {
        var stream = await media.OpenAsync(ct).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await Call(() => send(InputFile.FromStream(stream, media.FileName)), chat).ConfigureAwait(false);
        }
    }

    /// <summary>Whether a chat is a forum (has topics): from updates seen, else asked once.</summary>
    private async Task<bool> IsForumAsync(long chat, CancellationToken ct)
    {
        if (_forums.TryGetValue(chat, out var known))
        {
            return known;
        }

        try
        {
            var info = await Call(() => _bot.GetChat(chat, ct), chat).ConfigureAwait(false);
            return _forums[chat] = info.IsForum;
        }
        catch (RemotePermanentException)
        {
            // Unknown: without message_thread_id the message still arrives (as a reply to the thread's root).
            return false;
        }
    }

    public async Task SendEditAsync(OutgoingEdit edit, CancellationToken ct)
    {
        var (chat, id) = Target(edit.TargetId);
        var (text, entities) = TelegramHtmlWriter.Convert(edit.NewContent);
        var (piece, pieceEntities) = TelegramHtmlWriter.Split(text, entities, MaxText)[0];
        try
        {
            await Call(() => _bot.EditMessageText(chat, id, piece, entities: pieceEntities, cancellationToken: ct)).ConfigureAwait(false);
        }
        catch (RemotePermanentException e) when (e.InnerException is ApiRequestException { Message: var m } && m.Contains("no text in the message", StringComparison.OrdinalIgnoreCase))
        {
            var (caption, captionEntities) = TelegramHtmlWriter.Split(text, entities, MaxCaption)[0];
            await Call(() => _bot.EditMessageCaption(chat, id, caption, captionEntities: captionEntities, cancellationToken: ct)).ConfigureAwait(false);
        }
        catch (RemotePermanentException e) when (e.InnerException is ApiRequestException { Message: var m } && m.Contains("message is not modified", StringComparison.OrdinalIgnoreCase))
        {
            // The same text again: nothing to change.
        }
    }

    public async Task SendRedactionAsync(OutgoingRedaction redaction, CancellationToken ct)
    {
        var (chat, id) = Target(redaction.TargetId);
        await Call(() => _bot.DeleteMessage(chat, id, ct)).ConfigureAwait(false);
    }

    /// <summary>The bot has one reaction per message: the latest Matrix reaction relayed replaces the previous one.</summary>
    public async Task<RemoteReactionId?> SendReactionAsync(OutgoingReaction reaction, CancellationToken ct)
    {
        var (chat, id) = Target(reaction.TargetId);
        var emoji = TelegramReactions.ToTelegram(reaction.Key)
            ?? throw new RemotePermanentException($"Telegram has no reaction {reaction.Key}; bots may react only with the emoji of Telegram's list.");
        await Call(() => _bot.SetMessageReaction(chat, id, [new ReactionTypeEmoji { Emoji = emoji }], cancellationToken: ct)).ConfigureAwait(false);
        return null;
    }

    public async Task RemoveReactionAsync(OutgoingReactionRemoval removal, CancellationToken ct)
    {
        var (chat, id) = Target(removal.TargetId);
        await Call(() => _bot.SetMessageReaction(chat, id, [], cancellationToken: ct)).ConfigureAwait(false);
    }

    private static (long Chat, int Id) Target(RemoteMessageId target) =>
        TelegramIds.TryParseMessage(target, out var chat, out var id) ? (chat, id) : throw new RemotePermanentException("Not a Telegram message id.");

    private static ReplyParameters? ReplyTo(RemoteMessageId? target, long chat) =>
        target is { } t && TelegramIds.TryParseMessage(t, out var targetChat, out var id) && targetChat == chat
            ? new ReplyParameters { MessageId = id, AllowSendingWithoutReply = true }
            : null;

    private async Task<long> ChatOfAsync(PortalKey portal, CancellationToken ct) =>
        TelegramIds.TryParseChat(portal.Id, out var chat)
            ? await CurrentChatAsync(chat, ct).ConfigureAwait(false)
            : throw new RemotePermanentException("Not a Telegram chat.");

    /// <summary>
    /// Runs a Bot API call and maps its failures: flood waits (beyond those Telegram.Bot already waited out), server
    /// and connection errors are transient; a group that became a supergroup is remembered and retried there; the
    /// rest (forbidden, bad request) is permanent.
    /// </summary>
    private async Task<T> Call<T>(Func<Task<T>> call, long? chat = null)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (ApiRequestException e) when (e.Parameters?.MigrateToChatId is { } migrated && chat is { } old)
        {
            await RecordMigrationAsync(old, migrated, CancellationToken.None).ConfigureAwait(false);
            throw new RemoteTransientException("The group became a supergroup; sending there.", e) { RetryAfter = TimeSpan.Zero };
        }
        catch (ApiRequestException e) when (e.ErrorCode == (int)HttpStatusCode.TooManyRequests || e.ErrorCode >= 500)
        {
            throw new RemoteTransientException(e.Message, e) { RetryAfter = e.Parameters?.RetryAfter is { } s ? TimeSpan.FromSeconds(s) : null };
        }
        catch (ApiRequestException e)
        {
            throw new RemotePermanentException(e.Message, e);
        }
        catch (RequestException e)
        {
            throw new RemoteTransientException(e.Message, e);
        }
        catch (HttpRequestException e)
        {
            throw new RemoteTransientException(e.Message, e);
        }
    }

    private async Task Call(Func<Task> call, long? chat = null) => await Call(async () =>
    {
        await call().ConfigureAwait(false);
        return true;
    }, chat).ConfigureAwait(false);
}
