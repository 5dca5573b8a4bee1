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

        // The emulator's bots read every group message (as with privacy mode off, which getMe reports).
        return chat.Members.Values.Where(m => m.IsPresent && BotsById.ContainsKey(m.UserId))
            .Select(m => BotsById[m.UserId]).ToList();
    }

    /// <summary>Queues a message (or edited_message) for every bot in the chat except the one that sent it.</summary>
    public void DeliverMessage(ChatState chat, StoredMessage message, string updateType = "message")
    {
        foreach (var bot in BotsIn(chat))
        {
            // Bots never receive messages from bots, their own included.
            if (bot.User.Id != message.SenderId && !BotsById.ContainsKey(message.SenderId))
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
