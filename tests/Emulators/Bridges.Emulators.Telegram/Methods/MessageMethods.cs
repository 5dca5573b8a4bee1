using System.Text.Json;
using System.Text.Json.Nodes;
using Bridges.Emulators.Telegram.World;

namespace Bridges.Emulators.Telegram.Methods;

/// <summary>sendMessage, edits, deletions, reactions and chat actions.</summary>
internal static class MessageMethods
{
    private const string NotModified =
        "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

    private static readonly HashSet<string> ChatActions =
    [
        "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice", "upload_document",
        "choose_sticker", "find_location", "record_video_note", "upload_video_note",
    ];

    public static void Register(MethodTable table)
    {
        table.Add("sendMessage", SendMessage);
        table.Add("editMessageText", EditMessageText);
        table.Add("editMessageCaption", EditMessageCaption);
        table.Add("deleteMessage", DeleteMessage);
        table.Add("deleteMessages", DeleteMessages);
        table.Add("setMessageReaction", SetMessageReaction);
        table.Add("sendChatAction", SendChatAction);
    }

    private static JsonNode SendMessage(MethodContext ctx)
    {
        lock (ctx.World.Gate)
        {
            var chat = ctx.Chat();
            var text = Posting.Format(ctx, "text", "entities");
            Posting.CheckText(text);
            var message = Posting.Post(ctx, chat, json =>
            {
                json["text"] = text.Text;
                if (text.Entities.Count > 0)
                {
                    json["entities"] = new JsonArray([.. text.Entities]);
                }

                Posting.SetLinkPreview(ctx, json);
            });
            return message.Json.DeepClone();
        }
    }

    private static JsonNode EditMessageText(MethodContext ctx) => Edit(ctx, message =>
    {
        if (!message.HasText)
        {
            throw BotApiException.BadRequest("there is no text in the message to edit");
        }

        var text = Posting.Format(ctx, "text", "entities");
        Posting.CheckText(text);
        var entities = text.Entities.Count > 0 ? new JsonArray([.. text.Entities]) : null;
        if ((string?)message.Json["text"] == text.Text && JsonNode.DeepEquals(message.Json["entities"], entities) && !ctx.Has("reply_markup"))
        {
            throw BotApiException.BadRequest(NotModified);
        }

        message.Json["text"] = text.Text;
        message.Json.Remove("entities");
        if (entities is not null)
        {
            message.Json["entities"] = entities;
        }

        Posting.SetLinkPreview(ctx, message.Json);
    });

    private static JsonNode EditMessageCaption(MethodContext ctx) => Edit(ctx, message =>
    {
        if (!message.HasMedia)
        {
            throw BotApiException.BadRequest("there is no caption in the message to edit");
        }

        var caption = Posting.Format(ctx, "caption", "caption_entities");
        var before = message.Json.DeepClone();
        Posting.SetCaption(message.Json, caption);
        if (JsonNode.DeepEquals(before, message.Json) && !ctx.Has("reply_markup"))
        {
            throw BotApiException.BadRequest(NotModified);
        }
    });

    private static JsonNode Edit(MethodContext ctx, Action<StoredMessage> change)
    {
        if (ctx.Has("inline_message_id"))
        {
            // Inline messages belong to inline mode, which the emulator does not simulate.
            throw BotApiException.BadRequest("MESSAGE_ID_INVALID");
        }

        if (!ctx.Has("chat_id") || !ctx.Has("message_id"))
        {
            throw BotApiException.BadRequest("message identifier is not specified");
        }

        lock (ctx.World.Gate)
        {
            var chat = ctx.Chat();
            var message = ctx.Message(chat) ?? throw BotApiException.BadRequest("message to edit not found");
            if (message.SenderId != ctx.Bot.User.Id)
            {
                throw BotApiException.BadRequest("message can't be edited");
            }

            change(message);
            if (ctx.Json("reply_markup") is { ValueKind: JsonValueKind.Object } markup)
            {
                message.Json["reply_markup"] = JsonNode.Parse(markup.GetRawText());
            }

            message.Json["edit_date"] = ctx.World.Now;
            ctx.World.Record(new BotEditedMessage(ctx.Bot.User.Username!, chat.Id, ctx.World.NowOffset, ctx.Method, message.Id,
                (JsonObject)message.Json.DeepClone()));
            return message.Json.DeepClone();
        }
    }

    private static JsonNode DeleteMessage(MethodContext ctx)
    {
        lock (ctx.World.Gate)
        {
            var chat = ctx.Chat();
            var message = ctx.Message(chat) ?? throw BotApiException.BadRequest("message to delete not found");
            Delete(ctx, chat, message);
            return true;
        }
    }

    private static JsonNode DeleteMessages(MethodContext ctx)
    {
        var ids = ctx.Json("message_ids")!.Value.EnumerateArray().Select(e => e.TryGetInt32(out var id) ? id : 0).ToList();
        if (ids.Count is 0 or > 100)
        {
            throw BotApiException.BadRequest("message_ids must contain 1-100 identifiers");
        }

        lock (ctx.World.Gate)
        {
            var chat = ctx.Chat();
            // Messages that do not exist are skipped, as documented; the others must all be deletable.
            var found = ids.Distinct().Select(id => chat.Messages.GetValueOrDefault(id)).OfType<StoredMessage>().ToList();
            foreach (var message in found)
            {
                CheckCanDelete(ctx, chat, message);
            }

            foreach (var message in found)
            {
                Delete(ctx, chat, message);
            }

            return true;
        }
    }

    private static void Delete(MethodContext ctx, ChatState chat, StoredMessage message)
    {
        CheckCanDelete(ctx, chat, message);
        chat.Messages.Remove(message.Id);
        ctx.World.Record(new BotDeletedMessage(ctx.Bot.User.Username!, chat.Id, ctx.World.NowOffset, message.Id));
    }

    private static void CheckCanDelete(MethodContext ctx, ChatState chat, StoredMessage message)
    {
        if (message.SenderId != ctx.Bot.User.Id && !chat.IsPrivate && !ctx.IsAdmin(chat))
        {
            throw BotApiException.BadRequest("message can't be deleted");
        }
    }

    private static JsonNode SetMessageReaction(MethodContext ctx)
    {
        lock (ctx.World.Gate)
        {
            var chat = ctx.Chat();
            var message = ctx.Message(chat) ?? throw BotApiException.BadRequest("message to react not found");
            var reactions = new List<string>();
            if (ctx.Json("reaction") is { } list)
            {
                foreach (var reaction in list.EnumerateArray())
                {
                    // Emoji are checked against the spec's list by the validator; bots may not use paid or custom ones here.
                    if (reaction.GetProperty("type").GetString() != "emoji")
                    {
                        throw BotApiException.BadRequest("REACTION_INVALID");
                    }

                    reactions.Add(reaction.GetProperty("emoji").GetString()!);
                }
            }

            if (reactions.Count > 1)
            {
                throw BotApiException.BadRequest("REACTIONS_TOO_MANY");
            }

            ctx.World.Record(new BotSetReaction(ctx.Bot.User.Username!, chat.Id, ctx.World.NowOffset, message.Id, reactions,
                ctx.Bool("is_big")));
            return true;
        }
    }

    private static JsonNode SendChatAction(MethodContext ctx)
    {
        var action = ctx.String("action")!;
        if (!ChatActions.Contains(action))
        {
            throw BotApiException.BadRequest("wrong parameter action in request");
        }

        lock (ctx.World.Gate)
        {
            var chat = ctx.Chat();
            ctx.EnsureCanPost(chat);
            ctx.World.Record(new BotSentChatAction(ctx.Bot.User.Username!, chat.Id, ctx.World.NowOffset, action,
                ctx.Int("message_thread_id")));
            return true;
        }
    }
}
