using System.Text.Json.Nodes;

namespace Bridges.Emulators.Telegram.World;

/// <summary>A message as the chat holds it: its wire form plus who sent it and who reacted.</summary>
internal sealed class StoredMessage(int id, long senderId, JsonObject json)
{
    public int Id { get; } = id;

    /// <summary>The account that sent it (a user or a bot).</summary>
    public long SenderId { get; } = senderId;

    /// <summary>The wire form; edits change it in place.</summary>
    public JsonObject Json { get; } = json;

    public int? ThreadId => (int?)Json["message_thread_id"];

    public bool IsTopicMessage => (bool?)Json["is_topic_message"] == true;

    public bool HasText => Json.ContainsKey("text");

    public bool HasMedia => MediaKeys.Any(Json.ContainsKey);

    /// <summary>Each user's current reaction list (ReactionType objects).</summary>
    public Dictionary<long, JsonArray> Reactions { get; } = [];

    /// <summary>A copy for <c>reply_to_message</c>: Telegram never nests a further reply inside it.</summary>
    public JsonObject ToReplyCopy()
    {
        var copy = (JsonObject)Json.DeepClone();
        copy.Remove("reply_to_message");
        return copy;
    }

    public static readonly string[] MediaKeys =
        ["photo", "document", "sticker", "voice", "video", "animation", "audio", "video_note"];
}
