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

    public async Task<SendResult> SendMessageAsync(OutgoingMessage message, CancellationToken ct)
    {
        var chat = await ChatOfAsync(message.Portal, ct).ConfigureAwait(false);
        var (text, entities) = TelegramHtmlWriter.Convert(message.Content);
        var reply = ReplyTo(message.Content.ReplyTo, chat);
        var thread = message.Content.ThreadRoot is { } root && TelegramIds.TryParseMessage(root, out var rootChat, out var rootId) && rootChat == chat ? rootId : (int?)null;
        Message? first = null;
        var attachments = message.Content.Attachments;
        var captioned = attachments.Count > 0 && text.Length <= MaxCaption;
        if (text.Length > 0 && !captioned)
        {
            foreach (var (piece, pieceEntities) in TelegramHtmlWriter.Split(text, entities, MaxText))
            {
                var sent = await Call(() => _bot.SendMessage(chat, piece, entities: pieceEntities, replyParameters: first is null ? reply : null,
                    messageThreadId: thread, cancellationToken: ct), chat).ConfigureAwait(false);
                first ??= sent;
            }
        }

        foreach (var media in attachments)
        {
            var caption = captioned && media == attachments[0] ? text : null;
            var captionEntities = caption is null ? null : entities;
            var stream = await media.OpenAsync(ct).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var file = InputFile.FromStream(stream, media.FileName);
                var replyTo = first is null ? reply : null;
                var seconds = media.Duration is { } d ? (int?)Math.Max(1, (int)d.TotalSeconds) : null;
                var (width, height) = media.Dimensions ?? (0, 0);
                // Each kind goes out as what Telegram shows best: photos inline, GIFs looping, voice notes playable.
                var sent = (media.Kind, media.MimeType.Split(';')[0].Trim().ToLowerInvariant()) switch
                {
                    (_, "image/gif") => await Call(() => _bot.SendAnimation(chat, file, caption, captionEntities: captionEntities, replyParameters: replyTo, messageThreadId: thread,
                        width: width > 0 ? width : null, height: height > 0 ? height : null, cancellationToken: ct), chat).ConfigureAwait(false),
                    (MediaKind.Image, _) => await Call(() => _bot.SendPhoto(chat, file, caption, captionEntities: captionEntities, replyParameters: replyTo, messageThreadId: thread, cancellationToken: ct), chat).ConfigureAwait(false),
                    (MediaKind.Video, _) => await Call(() => _bot.SendVideo(chat, file, caption, captionEntities: captionEntities, replyParameters: replyTo, messageThreadId: thread,
                        duration: seconds, width: width > 0 ? width : null, height: height > 0 ? height : null, cancellationToken: ct), chat).ConfigureAwait(false),
                    (MediaKind.Audio, "audio/ogg" or "audio/opus") => await Call(() => _bot.SendVoice(chat, file, caption, captionEntities: captionEntities, replyParameters: replyTo, messageThreadId: thread,
                        duration: seconds, cancellationToken: ct), chat).ConfigureAwait(false),
                    (MediaKind.Audio, _) => await Call(() => _bot.SendAudio(chat, file, caption, captionEntities: captionEntities, replyParameters: replyTo, messageThreadId: thread,
                        duration: seconds, cancellationToken: ct), chat).ConfigureAwait(false),
                    _ => await Call(() => _bot.SendDocument(chat, file, caption, captionEntities: captionEntities, replyParameters: replyTo, messageThreadId: thread, cancellationToken: ct), chat).ConfigureAwait(false),
                };
                first ??= sent;
            }
        }

        return first is null ? new SendResult(null) : new SendResult(TelegramIds.Message(first), Time(first.Date));
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
        await Call(() => _bot.SetMessageReaction(chat, id, [new ReactionTypeEmoji { Emoji = reaction.Key }], cancellationToken: ct)).ConfigureAwait(false);
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
