using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bridges.Emulators.Telegram.Formatting;
using Bridges.Emulators.Telegram.World;

namespace Bridges.Emulators.Telegram.Methods;

/// <summary>What every send method shares: reply target, thread, options and recording.</summary>
internal static class Posting
{
    /// <summary>Formats text or caption parameters (text/caption, parse_mode, entities/caption_entities).</summary>
    public static FormattedText Format(MethodContext ctx, string textParameter, string entitiesParameter) =>
        TextRules.Format(ctx.String(textParameter) ?? "", ctx.String("parse_mode"), ctx.Json(entitiesParameter),
            ctx.FindUser, ctx.World.Options.DetectEntities);

    /// <summary>Checks a caption's length and writes caption and caption_entities; an empty caption removes both.</summary>
    public static void SetCaption(JsonObject json, FormattedText caption)
    {
        if (TextRules.CountCharacters(caption.Text) > TextRules.MaxCaptionLength)
        {
            throw BotApiException.BadRequest("message caption is too long");
        }

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

    public static void CheckText(FormattedText text)
    {
        if (text.Text.Length == 0)
        {
            throw BotApiException.BadRequest("message text is empty");
        }

        if (TextRules.CountCharacters(text.Text) > TextRules.MaxTextLength)
        {
            throw BotApiException.BadRequest("message is too long");
        }
    }

    /// <summary>
    /// Posts the bot's message with the common options (reply, thread, protect_content, inline keyboard) and records
    /// it. Call with <see cref="WorldState.Gate"/> held.
    /// </summary>
    public static StoredMessage Post(MethodContext ctx, ChatState chat, Action<JsonObject> fill)
    {
        ctx.EnsureCanPost(chat);
        var replyTo = ReplyTarget(ctx, chat);
        ctx.World.Flood.Check(ctx.Bot, chat, ctx.World.NowOffset);
        var message = ctx.World.PostMessage(chat, ctx.Bot.User, replyTo, ctx.Int("message_thread_id"), json =>
        {
            fill(json);
            if (ctx.Bool("protect_content"))
            {
                json["has_protected_content"] = true;
            }

            // Only inline keyboards are part of the Message; reply keyboards live on the user's client.
            if (ctx.Json("reply_markup") is { ValueKind: JsonValueKind.Object } markup && markup.TryGetProperty("inline_keyboard", out _))
            {
                json["reply_markup"] = JsonNode.Parse(markup.GetRawText());
            }
        });
        ctx.World.Record(new BotSentMessage(ctx.Bot.User.Username!, chat.Id, ctx.World.NowOffset, ctx.Method, message.Id,
            (JsonObject)message.Json.DeepClone()));
        return message;
    }

    private static StoredMessage? ReplyTarget(MethodContext ctx, ChatState chat)
    {
        int? id = null;
        var allowMissing = ctx.Bool("allow_sending_without_reply");
        if (ctx.Json("reply_parameters") is { } reply)
        {
            id = reply.GetProperty("message_id").GetInt32();
            allowMissing |= reply.TryGetProperty("allow_sending_without_reply", out var allow) && allow.ValueKind == JsonValueKind.True;
            // Replies into another chat (external_reply) are not emulated: they count as a missing target.
            if (reply.TryGetProperty("chat_id", out var other) && !IsSameChat(other, chat))
            {
                id = -1;
            }
        }
        else if (ctx.Int("reply_to_message_id") is { } legacy)
        {
            id = legacy;
        }

        if (id is not { } messageId)
        {
            return null;
        }

        var target = chat.Messages.GetValueOrDefault(messageId);
        if (target is null && !allowMissing)
        {
            throw BotApiException.BadRequest("message to be replied not found");
        }

        return target;
    }

    private static bool IsSameChat(JsonElement chatId, ChatState chat) => chatId.ValueKind == JsonValueKind.Number
        ? chatId.GetInt64() == chat.Id
        : chatId.GetString() is { } text
          && (text == chat.Id.ToString(CultureInfo.InvariantCulture)
              || (chat.Username is not null && string.Equals(text, "@" + chat.Username, StringComparison.OrdinalIgnoreCase)));

    /// <summary>link_preview_options as the message keeps it (also from the legacy disable_web_page_preview).</summary>
    public static void SetLinkPreview(MethodContext ctx, JsonObject json)
    {
        if (ctx.Json("link_preview_options") is { ValueKind: JsonValueKind.Object } options)
        {
            json["link_preview_options"] = JsonNode.Parse(options.GetRawText());
        }
        else if (ctx.Bool("disable_web_page_preview"))
        {
            json["link_preview_options"] = new JsonObject { ["is_disabled"] = true };
        }
    }
}
