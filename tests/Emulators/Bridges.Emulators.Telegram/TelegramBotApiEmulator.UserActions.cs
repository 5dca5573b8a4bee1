using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bridges.Emulators.Telegram.Formatting;
using Bridges.Emulators.Telegram.World;

namespace Bridges.Emulators.Telegram;

/// <summary>What simulated users do in chats; each action queues the updates Telegram would send to bots.</summary>
public sealed partial class TelegramBotApiEmulator
{
    /// <summary>A user sends a text message (entities as a client would attach them; URLs etc. are detected too).</summary>
    public EmulatedMessage SendText(EmulatedChat chat, EmulatedUser user, string text, IReadOnlyList<TextEntity>? entities = null,
        int? replyTo = null, int? threadId = null)
    {
        lock (_world.Gate)
        {
            var formatted = FormatForUser(text, entities, TextRules.MaxTextLength);
            if (formatted.Text.Length == 0)
            {
                throw new ArgumentException("a message text must not be empty", nameof(text));
            }

            return PostAsUser(chat, user, replyTo, threadId, json =>
            {
                json["text"] = formatted.Text;
                if (formatted.Entities.Count > 0)
                {
                    json["entities"] = new JsonArray([.. formatted.Entities]);
                }
            });
        }
    }

    /// <summary>A user sends a photo (PNG, JPEG, GIF, BMP or WebP); the message lists Telegram's size ladder.</summary>
    public EmulatedMessage SendPhoto(EmulatedChat chat, EmulatedUser user, byte[] image, string? caption = null,
        IReadOnlyList<TextEntity>? captionEntities = null, int? replyTo = null, int? threadId = null) =>
        SendMedia(chat, user, "photo", image, null, null, new MediaFactory.Details(), caption, captionEntities, replyTo, threadId);

    /// <summary>A user sends a file as a document.</summary>
    public EmulatedMessage SendDocument(EmulatedChat chat, EmulatedUser user, byte[] content, string fileName, string? mimeType = null,
        string? caption = null, IReadOnlyList<TextEntity>? captionEntities = null, int? replyTo = null, int? threadId = null) =>
        SendMedia(chat, user, "document", content, fileName, mimeType, new MediaFactory.Details(), caption, captionEntities, replyTo, threadId);

    /// <summary>A user sends a sticker (.webp image, gzip .tgs or .webm content).</summary>
    public EmulatedMessage SendSticker(EmulatedChat chat, EmulatedUser user, byte[] content, string emoji = "🙂",
        int? replyTo = null, int? threadId = null) =>
        SendMedia(chat, user, "sticker", content, null, null, new MediaFactory.Details(Emoji: emoji), null, null, replyTo, threadId);

    /// <summary>A user sends a voice note.</summary>
    public EmulatedMessage SendVoice(EmulatedChat chat, EmulatedUser user, byte[] content, int durationSeconds, string? caption = null,
        int? replyTo = null, int? threadId = null) =>
        SendMedia(chat, user, "voice", content, null, null, new MediaFactory.Details(durationSeconds), caption, null, replyTo, threadId);

    /// <summary>A user sends a video.</summary>
    public EmulatedMessage SendVideo(EmulatedChat chat, EmulatedUser user, byte[] content, int width, int height, int durationSeconds,
        string? caption = null, int? replyTo = null, int? threadId = null) =>
        SendMedia(chat, user, "video", content, "video.mp4", null, new MediaFactory.Details(durationSeconds, width, height), caption, null,
            replyTo, threadId);

    /// <summary>A user sends a GIF-like animation (the message carries animation and document).</summary>
    public EmulatedMessage SendAnimation(EmulatedChat chat, EmulatedUser user, byte[] content, int width, int height, int durationSeconds,
        string? caption = null, int? replyTo = null, int? threadId = null) =>
        SendMedia(chat, user, "animation", content, "animation.mp4", null, new MediaFactory.Details(durationSeconds, width, height), caption,
            null, replyTo, threadId);

    /// <summary>A user shares a location.</summary>
    public EmulatedMessage SendLocation(EmulatedChat chat, EmulatedUser user, double latitude, double longitude, int? replyTo = null,
        int? threadId = null)
    {
        lock (_world.Gate)
        {
            return PostAsUser(chat, user, replyTo, threadId,
                json => json["location"] = new JsonObject { ["latitude"] = latitude, ["longitude"] = longitude });
        }
    }

    /// <summary>A user sends a regular poll.</summary>
    public EmulatedMessage SendPoll(EmulatedChat chat, EmulatedUser user, string question, IReadOnlyList<string> options,
        bool isAnonymous = true, bool allowsMultipleAnswers = false, int? threadId = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        lock (_world.Gate)
        {
            var poll = new JsonObject
            {
                ["id"] = RandomNumberGenerator.GetString("0123456789", 19),
                ["question"] = question,
                ["options"] = new JsonArray([.. options.Select((o, i) => new JsonObject
                {
                    ["persistent_id"] = $"{i}",
                    ["text"] = o,
                    ["voter_count"] = 0,
                })]),
                ["total_voter_count"] = 0,
                ["is_closed"] = false,
                ["is_anonymous"] = isAnonymous,
                ["type"] = "regular",
                ["allows_multiple_answers"] = allowsMultipleAnswers,
            };
            // Later Bot API versions add required Boolean flags (allows_revoting, …); the spec lists them.
            MemberState.FillBooleans(poll, _world.Spec, "Poll", _ => false);
            return PostAsUser(chat, user, null, threadId, json => json["poll"] = poll);
        }
    }

    /// <summary>The sender edits a text message: bots get edited_message.</summary>
    public EmulatedMessage EditText(EmulatedMessage message, string text, IReadOnlyList<TextEntity>? entities = null) =>
        EditAsUser(message, stored =>
        {
            var formatted = FormatForUser(text, entities, TextRules.MaxTextLength);
            stored.Json["text"] = formatted.Text;
            stored.Json.Remove("entities");
            if (formatted.Entities.Count > 0)
            {
                stored.Json["entities"] = new JsonArray([.. formatted.Entities]);
            }
        });

    /// <summary>The sender edits a media caption: bots get edited_message.</summary>
    public EmulatedMessage EditCaption(EmulatedMessage message, string caption, IReadOnlyList<TextEntity>? entities = null) =>
        EditAsUser(message, stored => SetCaption(stored.Json, FormatForUser(caption, entities, TextRules.MaxCaptionLength)));

    /// <summary>
    /// A user sets their reactions on a message (no emoji removes them). Bots that asked for message_reaction get
    /// the old and new lists: in private chats, and in groups where the bot is an administrator.
    /// </summary>
    public void React(EmulatedMessage message, EmulatedUser user, params string[] emoji)
    {
        ArgumentNullException.ThrowIfNull(message);
        var allowed = _world.Spec.Types["ReactionTypeEmoji"].FindField("emoji")!.AllowedValues;
        if (emoji.FirstOrDefault(e => allowed?.Contains(e) == false) is { } bad)
        {
            throw new ArgumentException($"{bad} is not a reaction Telegram allows", nameof(emoji));
        }

        lock (_world.Gate)
        {
            var chat = Resolve(message.Chat);
            var actor = Resolve(user);
            var stored = chat.Messages.GetValueOrDefault(message.MessageId) ?? throw new ArgumentException("the message was deleted", nameof(message));
            var old = stored.Reactions.GetValueOrDefault(actor.Id) ?? [];
            var now = new JsonArray([.. emoji.Select(e => new JsonObject { ["type"] = "emoji", ["emoji"] = e })]);
            stored.Reactions[actor.Id] = now;
            _world.DeliverReaction(chat, new JsonObject
            {
                ["chat"] = chat.ToJson(),
                ["message_id"] = stored.Id,
                ["user"] = actor.ToJson(),
                ["date"] = _world.Now,
                ["old_reaction"] = old.DeepClone(),
                ["new_reaction"] = now.DeepClone(),
            });
        }
    }

    /// <summary>A user changes a group's title: new_chat_title service message.</summary>
    public EmulatedMessage SetChatTitle(EmulatedChat chat, EmulatedUser user, string title)
    {
        lock (_world.Gate)
        {
            Resolve(chat).Title = title;
            return PostAsUser(chat, user, null, null, json => json["new_chat_title"] = title);
        }
    }

    /// <summary>A user sets a group's photo: new_chat_photo service message.</summary>
    public EmulatedMessage SetChatPhoto(EmulatedChat chat, EmulatedUser user, byte[] image)
    {
        ArgumentNullException.ThrowIfNull(image);
        lock (_world.Gate)
        {
            var info = ImageInfo.Read(image) ?? throw new ArgumentException("not a PNG, JPEG, GIF, BMP or WebP image", nameof(image));
            var state = Resolve(chat);
            state.Photo = _world.Files.AddPhoto("chat_photo", image, info.Width, info.Height, "jpg");
            return PostAsUser(chat, user, null, null, json => json["new_chat_photo"] = state.Photo.DeepClone());
        }
    }

    /// <summary>A user removes a group's photo: delete_chat_photo service message.</summary>
    public EmulatedMessage DeleteChatPhoto(EmulatedChat chat, EmulatedUser user)
    {
        lock (_world.Gate)
        {
            Resolve(chat).Photo = null;
            return PostAsUser(chat, user, null, null, json => json["delete_chat_photo"] = true);
        }
    }

    /// <summary>A user deletes a message. Telegram does not tell bots about deletions, so no update is queued.</summary>
    public void DeleteMessage(EmulatedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_world.Gate)
        {
            Resolve(message.Chat).Messages.Remove(message.MessageId);
        }
    }

    private EmulatedMessage SendMedia(EmulatedChat chat, EmulatedUser user, string kind, byte[] content, string? fileName, string? mimeType,
        MediaFactory.Details details, string? caption, IReadOnlyList<TextEntity>? captionEntities, int? replyTo, int? threadId)
    {
        ArgumentNullException.ThrowIfNull(content);
        lock (_world.Gate)
        {
            var formattedCaption = caption is null ? null : FormatForUser(caption, captionEntities, TextRules.MaxCaptionLength);
            (JsonNode Media, JsonObject? Document) media;
            try
            {
                media = MediaFactory.Create(_world.Files, kind, content, fileName, mimeType, details);
            }
            catch (BotApiException e)
            {
                throw new ArgumentException($"Telegram would refuse this {kind}: {e.Description}", nameof(content));
            }

            return PostAsUser(chat, user, replyTo, threadId, json =>
            {
                json[kind] = media.Media;
                if (media.Document is not null)
                {
                    json["document"] = media.Document;
                }

                if (formattedCaption is not null)
                {
                    SetCaption(json, formattedCaption);
                }
            });
        }
    }

    private static void SetCaption(JsonObject json, FormattedText caption)
    {
        json.Remove("caption");
        json.Remove("caption_entities");
        if (caption.Text.Length > 0)
        {
            json["caption"] = caption.Text;
            if (caption.Entities.Count > 0)
            {
                json["caption_entities"] = new JsonArray([.. caption.Entities]);
            }
        }
    }

    private FormattedText FormatForUser(string text, IReadOnlyList<TextEntity>? entities, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        JsonElement? explicitEntities = entities is null
            ? null
            : JsonSerializer.SerializeToElement(TextRules.ToJson(entities, FindUserJson));
        var formatted = TextRules.Format(text, null, explicitEntities, FindUserJson, _world.Options.DetectEntities);
        if (TextRules.CountCharacters(formatted.Text) > maxLength)
        {
            throw new ArgumentException($"Telegram clients cannot send more than {maxLength} characters here", nameof(text));
        }

        return formatted;
    }

    private JsonObject? FindUserJson(long id) => _world.Users.GetValueOrDefault(id)?.ToJson();

    private EmulatedMessage PostAsUser(EmulatedChat chat, EmulatedUser user, int? replyTo, int? threadId, Action<JsonObject> fill)
    {
        var state = Resolve(chat);
        var sender = Resolve(user);
        if (!state.IsPresent(sender.Id))
        {
            throw new InvalidOperationException($"{sender.FirstName} is not a member of chat {state.Id}");
        }

        StoredMessage? target = null;
        if (replyTo is { } id)
        {
            target = state.Messages.GetValueOrDefault(id) ?? throw new ArgumentException($"no message {id} in chat {state.Id}", nameof(replyTo));
        }

        StoredMessage message;
        try
        {
            message = _world.PostMessage(state, sender, target, threadId, fill);
        }
        catch (BotApiException e)
        {
            throw new ArgumentException(e.Description, nameof(threadId));
        }

        _world.DeliverMessage(state, message);
        return Handle(state, message);
    }

    private EmulatedMessage EditAsUser(EmulatedMessage message, Action<StoredMessage> change)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_world.Gate)
        {
            var chat = Resolve(message.Chat);
            var stored = chat.Messages.GetValueOrDefault(message.MessageId) ?? throw new ArgumentException("the message was deleted", nameof(message));
            change(stored);
            stored.Json["edit_date"] = _world.Now;
            _world.DeliverMessage(chat, stored, "edited_message");
            return Handle(chat, stored);
        }
    }
}
