using System.Text.Json.Nodes;

namespace Bridges.Emulators.Telegram.World;

/// <summary>Who gets which update: the rules Telegram applies to bots.</summary>
internal sealed partial class WorldState
{
    /// <summary>The bots that see messages in <paramref name="chat"/>.</summary>
    public IEnumerable<BotState> BotsIn(ChatState chat)
    {
        if (chat.IsPrivate)
        {
            return [chat.PrivateBot!];
        }

        return chat.Members.Values.Where(m => m.IsPresent && BotsById.ContainsKey(m.UserId))
            .Select(m => BotsById[m.UserId]).ToList();
    }

    /// <summary>
    /// Privacy mode (Telegram's default, reported by getMe as can_read_all_group_messages false): in a group where the
    /// bot is not an administrator it gets only commands (for it, or for no bot in particular), replies to its own
    /// messages, messages mentioning it and service messages. Administrators and bots with privacy off see everything.
    /// </summary>
    public static bool Sees(BotState bot, ChatState chat, JsonObject message)
    {
        if (chat.IsPrivate || !bot.PrivacyMode || chat.Member(bot.User.Id)?.IsAdmin == true)
        {
            return true;
        }

        if (!OrdinaryContent.Any(message.ContainsKey))
        {
            return true;
        }

        if ((long?)message["reply_to_message"]?["from"]?["id"] == bot.User.Id)
        {
            return true;
        }

        var text = (string?)message["text"] ?? (string?)message["caption"] ?? "";
        var entities = (message["entities"] ?? message["caption_entities"]) as JsonArray ?? [];
        var username = "@" + bot.User.Username;
        foreach (var entity in entities.OfType<JsonObject>())
        {
            var offset = (int?)entity["offset"] ?? 0;
            var length = (int?)entity["length"] ?? 0;
            if (offset < 0 || length <= 0 || offset + length > text.Length)
            {
                continue;
            }

            var value = text.Substring(offset, length);
            var forThisBot = (string?)entity["type"] switch
            {
                "bot_command" => !value.Contains('@', StringComparison.Ordinal) || value.EndsWith(username, StringComparison.OrdinalIgnoreCase),
                "mention" => string.Equals(value, username, StringComparison.OrdinalIgnoreCase),
                "text_mention" => (long?)entity["user"]?["id"] == bot.User.Id,
                _ => false,
            };
            if (forThisBot)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What people write (anything else in a message is a service message, which every bot gets).</summary>
    private static readonly string[] OrdinaryContent =
        ["text", "photo", "document", "sticker", "voice", "video", "animation", "audio", "video_note", "location", "venue",
         "contact", "poll", "dice", "story", "game"];

    /// <summary>Queues a message (or edited_message) for every bot in the chat except the one that sent it.</summary>
    public void DeliverMessage(ChatState chat, StoredMessage message, string updateType = "message")
    {
        foreach (var bot in BotsIn(chat))
        {
            // Bots never receive messages from bots, their own included.
            if (bot.User.Id != message.SenderId && !BotsById.ContainsKey(message.SenderId) && Sees(bot, chat, message.Json))
            {
                bot.Enqueue(updateType, message.Json.DeepClone());
            }
        }
    }

    /// <summary>
    /// message_reaction goes to the bot of a private chat and to administrator bots of groups, and only when the bot
    /// asked for it in allowed_updates (BotState.Enqueue filters).
    /// </summary>
    public void DeliverReaction(ChatState chat, JsonObject reaction)
    {
        foreach (var bot in BotsIn(chat))
        {
            if (chat.IsPrivate || chat.Member(bot.User.Id)?.IsAdmin == true)
            {
                bot.Enqueue("message_reaction", reaction.DeepClone());
            }
        }
    }

    /// <summary>chat_member goes to administrator bots that asked for it; a bot learns of itself via my_chat_member.</summary>
    public void DeliverChatMember(ChatState chat, long memberId, JsonObject update)
    {
        foreach (var bot in BotsIn(chat))
        {
            if (bot.User.Id != memberId && chat.Member(bot.User.Id)?.IsAdmin == true)
            {
                bot.Enqueue("chat_member", update.DeepClone());
            }
        }
    }
}
