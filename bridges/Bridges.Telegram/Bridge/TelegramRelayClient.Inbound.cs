using System.Globalization;
using System.Net;
using Bridges.Core.Content;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Bridges.Telegram.Bridge;

/// <summary>Telegram updates to remote events.</summary>
internal sealed partial class TelegramRelayClient
{
    private async Task<List<RemoteEvent>> ToEventsAsync(Update update, CancellationToken ct)
    {
        var events = new List<RemoteEvent>();
        // A private chat with the relay bot has no Matrix user to show it to; with a personal bot it is its owner's DM.
        if (!_personal && ((update.Message ?? update.EditedMessage)?.Chat.Type == ChatType.Private || update.MessageReaction?.Chat.Type == ChatType.Private))
        {
            return events;
        }

        if (update.Message is { } message)
        {
            await MessageEventsAsync(message, events, ct).ConfigureAwait(false);
        }
        else if (update.EditedMessage is { From: { } editor } edited)
        {
            Remember(editor);
            var portal = await PortalAsync(edited.Chat.Id, ct).ConfigureAwait(false);
            var content = Content(edited);
            // The attachment stays: a caption edit keeps the media (the core re-sends the image or file with the new caption).
            events.Add(new RemoteEdit(portal, Sender(editor), Time(edited.EditDate ?? edited.Date), TelegramIds.Message(edited), content));
        }
        else if (update.MessageReaction is { User: { } reactor } reaction)
        {
            Remember(reactor);
            var portal = await PortalAsync(reaction.Chat.Id, ct).ConfigureAwait(false);
            var target = TelegramIds.Message(reaction.Chat.Id, reaction.MessageId);
            var before = Emoji(reaction.OldReaction);
            var after = Emoji(reaction.NewReaction);
            foreach (var removed in before.Except(after))
            {
                events.Add(new RemoteReactionRemoved(portal, Sender(reactor), Time(reaction.Date), target, new EmojiId(removed)));
            }

            foreach (var added in after.Except(before))
            {
                events.Add(new RemoteReaction(portal, Sender(reactor), Time(reaction.Date), target, new EmojiId(added)));
            }
        }

        return events;
    }

    private async Task MessageEventsAsync(Message message, List<RemoteEvent> events, CancellationToken ct)
    {
        if (message.MigrateToChatId is { } to)
        {
            await RecordMigrationAsync(message.Chat.Id, to, ct).ConfigureAwait(false);
            return;
        }

        if (message.MigrateFromChatId is { } from)
        {
            await RecordMigrationAsync(from, message.Chat.Id, ct).ConfigureAwait(false);
            return;
        }

        _forums[message.Chat.Id] = message.Chat.IsForum;
        if (message.From is not { } author)
        {
            return;
        }

        var renamed = Remember(author);
        var portal = await PortalAsync(message.Chat.Id, ct).ConfigureAwait(false);
        var at = Time(message.Date);
        if (await PrivacyNoticeAsync(message.Chat, portal, at, ct).ConfigureAwait(false) is { } notice)
        {
            events.Add(notice);
        }

        if (renamed)
        {
            events.Add(new RemoteUserInfoChanged(portal, Sender(author), at, new UserInfo { DisplayName = TelegramIds.DisplayName(author) }));
        }

        if (message.NewChatMembers is { Length: > 0 } joined)
        {
            foreach (var member in joined.Where(m => m.Id != _bot.BotId))
            {
                Remember(member);
                events.Add(new RemoteMembership(portal, Sender(author), at, TelegramIds.User(member.Id), MembershipChange.Join));
            }

            return;
        }

        if (message.LeftChatMember is { } left)
        {
            if (left.Id != _bot.BotId)
            {
                Remember(left);
                events.Add(new RemoteMembership(portal, Sender(author), at, TelegramIds.User(left.Id), left.Id == author.Id ? MembershipChange.Leave : MembershipChange.Kick));
            }

            return;
        }

        if (message.NewChatTitle is { } title)
        {
            events.Add(new RemoteChatInfoChanged(portal, Sender(author), at, new ChatInfo { Name = title }));
            return;
        }

        if (message.NewChatPhoto is [.., var photo])
        {
            events.Add(new RemoteChatInfoChanged(portal, Sender(author), at, new ChatInfo
            {
                AvatarId = photo.FileUniqueId, Avatar = Media(photo.FileId, "image/jpeg", "avatar.jpg", photo.FileSize, (photo.Width, photo.Height)),
            }));
            return;
        }

        if (message.ForumTopicCreated is { } topic)
        {
            // The topic's root: bridged so that the topic's messages have a Matrix thread to hang from.
            events.Add(new RemoteMessage(portal, Sender(author), at, TelegramIds.Message(message),
                BridgedContent.FromText($"created the topic \u201c{topic.Name}\u201d", MessageKind.Emote)));
            return;
        }

        var content = Content(message);
        if (content.Text.Length == 0 && content.Attachments.Count == 0 && content.GeoUri is null)
        {
            return;
        }

        events.Add(new RemoteMessage(portal, Sender(author), at, TelegramIds.Message(message), content));
    }

    private BridgedContent Content(Message message)
    {
        var content = TelegramEntities.ToContent(message.Text ?? message.Caption ?? string.Empty, message.Entities ?? message.CaptionEntities,
            name => _usernames.TryGetValue(name, out var id) ? id : null);
        var attachments = Attachments(message);
        var tooLarge = attachments.Where(a => a.Size > _connector.MaxInboundMediaBytes).ToList();
        if (tooLarge.Count > 0)
        {
            // The text still goes through; each file that cannot be downloaded becomes a line saying so.
            attachments = [.. attachments.Except(tooLarge)];
            content = WithTooLargeNotes(content, tooLarge);
        }

        return content with
        {
            Attachments = attachments,
            ReplyTo = message.ReplyToMessage is { } replied && !(message.IsTopicMessage && replied.Id == message.MessageThreadId)
                ? TelegramIds.Message(message.Chat.Id, replied.Id)
                : null,
            ThreadRoot = message.IsTopicMessage && message.MessageThreadId is { } thread ? TelegramIds.Message(message.Chat.Id, thread) : null,
            GeoUri = message.Location is { } l ? FormattableString.Invariant($"geo:{l.Latitude},{l.Longitude}") : null,
            Text = content.Text.Length == 0 ? Describe(message) ?? content.Text : content.Text,
        };
    }

    /// <summary>Adds "file too large" lines (plain and HTML-escaped) after the text; a message of nothing else is a notice.</summary>
    private BridgedContent WithTooLargeNotes(BridgedContent content, List<MediaSource> files)
    {
        var limit = FormatSize(_connector.MaxInboundMediaBytes);
        var lines = files.Select(f => $"⚠ The file “{f.FileName}” ({FormatSize(f.Size!.Value)}) is too large to bridge (the limit is {limit}).").ToList();
        var note = string.Join('\n', lines);
        if (content.Text.Length == 0)
        {
            return content with { Text = note, Html = null, Kind = MessageKind.Notice };
        }

        var html = content.Html ?? WebUtility.HtmlEncode(content.Text).Replace("\n", "<br>", StringComparison.Ordinal);
        return content with
        {
            Text = content.Text + "\n" + note,
            Html = html + "<br>" + string.Join("<br>", lines.Select(WebUtility.HtmlEncode)),
        };
    }

    private static string FormatSize(long bytes) => bytes >= 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB");

    /// <summary>Messages without text that Matrix has no event for, as readable text.</summary>
    private static string? Describe(Message message) => message switch
    {
        { Poll: { } poll } => $"\U0001F4CA {(poll.Type == PollType.Quiz ? "Quiz" : "Poll")}: {poll.Question}\n"
            + string.Join('\n', poll.Options.Select((o, i) => $"{i + 1}. {o.Text}"))
            + (poll.IsAnonymous ? string.Empty : "\n(votes are public)") + (poll.AllowsMultipleAnswers ? "\n(several answers allowed)" : string.Empty),
        { Venue: { } venue } => FormattableString.Invariant($"\U0001F4CD {venue.Title}, {venue.Address} ({venue.Location.Latitude}, {venue.Location.Longitude})"),
        { Location: { } loc } => FormattableString.Invariant($"Location: {loc.Latitude}, {loc.Longitude}"),
        { Contact: { } contact } => $"\U0001F464 Contact: {string.Join(' ', new[] { contact.FirstName, contact.LastName }.Where(n => !string.IsNullOrEmpty(n)))}, {contact.PhoneNumber}",
        { Dice: { } dice } => FormattableString.Invariant($"{dice.Emoji} rolled {dice.Value}"),
        _ => null,
    };

    private List<MediaSource> Attachments(Message message)
    {
        var id = message.Id;
        if (message.Photo is [.., var largest])
        {
            return [Media(largest.FileId, "image/jpeg", $"photo_{id}.jpg", largest.FileSize, (largest.Width, largest.Height))];
        }

        if (message.Document is { } doc)
        {
            return [Media(doc.FileId, doc.MimeType ?? "application/octet-stream", doc.FileName ?? $"file_{id}", doc.FileSize, null)];
        }

        if (message.Video is { } video)
        {
            return [Media(video.FileId, video.MimeType ?? "video/mp4", video.FileName ?? $"video_{id}.mp4", video.FileSize, (video.Width, video.Height), TimeSpan.FromSeconds(video.Duration))];
        }

        if (message.Animation is { } gif)
        {
            return [Media(gif.FileId, gif.MimeType ?? "video/mp4", gif.FileName ?? $"animation_{id}.mp4", gif.FileSize, (gif.Width, gif.Height), TimeSpan.FromSeconds(gif.Duration))];
        }

        if (message.Audio is { } audio)
        {
            return [Media(audio.FileId, audio.MimeType ?? "audio/mpeg", audio.FileName ?? $"audio_{id}.mp3", audio.FileSize, null, TimeSpan.FromSeconds(audio.Duration))];
        }

        if (message.Voice is { } voice)
        {
            return [Media(voice.FileId, voice.MimeType ?? "audio/ogg", $"voice_{id}.ogg", voice.FileSize, null, TimeSpan.FromSeconds(voice.Duration))];
        }

        if (message.Sticker is { } sticker)
        {
            var (mime, ext) = sticker.IsVideo ? ("video/webm", "webm") : sticker.IsAnimated ? ("application/x-tgsticker", "tgs") : ("image/webp", "webp");
            return [Media(sticker.FileId, mime, $"sticker_{id}.{ext}", sticker.FileSize, (sticker.Width, sticker.Height))];
        }

        return [];
    }

    private static List<string> Emoji(ReactionType[]? reactions) =>
        (reactions ?? []).Select(r => r switch
        {
            ReactionTypeEmoji e => TelegramReactions.ToMatrix(e.Emoji),
            ReactionTypeCustomEmoji c => c.CustomEmojiId,
            _ => null,
        }).OfType<string>().ToList();

    private async Task<PortalKey> PortalAsync(long chatId, CancellationToken ct) =>
        new(TelegramIds.Portal(await PortalChatAsync(chatId, ct).ConfigureAwait(false)), _personal ? _login.Id : null);

    private EventSender Sender(User user) => new(TelegramIds.User(user.Id), Login: _login.Id);

    private static DateTimeOffset Time(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    /// <summary>Caches a user's profile for ghost names and @mentions; true when their name changed since last seen.</summary>
    private bool Remember(User user)
    {
        var before = _users.TryGetValue(user.Id, out var known) ? TelegramIds.DisplayName(known) : null;
        _users[user.Id] = user;
        if (user.Username is { } name)
        {
            _usernames[name] = user.Id;
        }

        return before is not null && before != TelegramIds.DisplayName(user);
    }
}
