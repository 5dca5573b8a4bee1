using System.Text.Json.Nodes;

namespace Bridges.Emulators.Telegram.World;

/// <summary>Creating messages: ids, sender, threads and replies, the same for bots and simulated users.</summary>
internal sealed partial class WorldState
{
    /// <summary>
    /// Creates and stores a message. <paramref name="fill"/> adds the content (text, media, service fields).
    /// Thread rules: in a forum a message in a topic carries message_thread_id and is_topic_message, and replies
    /// to the topic's creation message unless it replies to something else; in other supergroups a reply joins
    /// the thread of the message it replies to. Private chats and basic groups have no threads, and an explicit thread id outside a forum is refused.
    /// </summary>
    public StoredMessage PostMessage(ChatState chat, UserState sender, StoredMessage? replyTo, int? threadId, Action<JsonObject> fill)
    {
        var (thread, isTopic, implicitReply) = ResolveThread(chat, replyTo, threadId);
        var id = chat.AllocateMessageId();
        var json = new JsonObject { ["message_id"] = id };
        if (thread is { } t)
        {
            json["message_thread_id"] = t;
        }

        json["from"] = sender.ToJson();
        json["date"] = Now;
        json["chat"] = chat.ToJson();
        if (isTopic)
        {
            json["is_topic_message"] = true;
        }

        if ((replyTo ?? implicitReply) is { } reply)
        {
            json["reply_to_message"] = reply.ToReplyCopy();
        }

        fill(json);
        var message = new StoredMessage(id, sender.Id, json);
        chat.Messages[id] = message;
        return message;
    }

    private static (int? Thread, bool IsTopic, StoredMessage? ImplicitReply) ResolveThread(
        ChatState chat, StoredMessage? replyTo, int? threadId)
    {
        if (chat.IsForum)
        {
            var topic = threadId ?? (replyTo?.IsTopicMessage == true ? replyTo.ThreadId : null);
            if (topic is not { } t)
            {
                return (null, false, null);
            }

            if (!chat.Topics.ContainsKey(t))
            {
                throw BotApiException.BadRequest("message thread not found");
            }

            return (t, true, chat.Messages.GetValueOrDefault(t));
        }

        // message_thread_id is "for forum supergroups and private chats of bots with forum topic mode enabled only";
        // Telegram refuses it elsewhere (the emulator has no private chats in topic mode).
        if (threadId is not null)
        {
            throw BotApiException.BadRequest("message thread not found");
        }

        if (chat.Type != "supergroup")
        {
            return (null, false, null);
        }

        return replyTo is null ? (null, false, null) : (replyTo.ThreadId ?? replyTo.Id, false, null);
    }
}
