using System.Text.Json.Nodes;

namespace Bridges.Emulators.Telegram.World;

/// <summary>
/// A chat of the simulated world. Groups and supergroups are shared by every bot in them; a private chat exists
/// per bot and user (its id is the user's id, as Telegram shows it to that bot).
/// </summary>
internal sealed class ChatState(long id, string type)
{
    public long Id { get; } = id;

    /// <summary>private, group or supergroup.</summary>
    public string Type { get; } = type;

    public string? Title { get; set; }

    public string? Username { get; init; }

    public bool IsForum { get; init; }

    public string? Description { get; set; }

    public UserState? PrivateUser { get; init; }

    public BotState? PrivateBot { get; init; }

    public Dictionary<long, MemberState> Members { get; } = [];

    public SortedDictionary<int, StoredMessage> Messages { get; } = [];

    public int NextMessageId { get; set; } = 1;

    /// <summary>Forum topics by thread id (the id of the topic's creation message) → name.</summary>
    public Dictionary<int, string> Topics { get; } = [];

    /// <summary>Set once a group was upgraded: sends to the old id fail with <c>migrate_to_chat_id</c>.</summary>
    public long? MigratedToChatId { get; set; }

    /// <summary>The sizes of the chat photo, or null when there is none.</summary>
    public JsonArray? Photo { get; set; }

    public bool IsPrivate => Type == "private";

    public MemberState? Member(long userId) => Members.GetValueOrDefault(userId);

    public bool IsPresent(long userId) => IsPrivate
        ? userId == PrivateUser!.Id || userId == PrivateBot!.User.Id
        : Member(userId)?.IsPresent == true;

    public int AllocateMessageId() => NextMessageId++;

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["id"] = Id, ["type"] = Type };
        if (IsPrivate)
        {
            var user = PrivateUser!;
            json["first_name"] = user.FirstName;
            if (user.LastName is not null)
            {
                json["last_name"] = user.LastName;
            }

            if (user.Username is not null)
            {
                json["username"] = user.Username;
            }

            return json;
        }

        json["title"] = Title;
        if (Username is not null)
        {
            json["username"] = Username;
        }

        if (IsForum)
        {
            json["is_forum"] = true;
        }

        return json;
    }

    public JsonObject ToFullInfo(BotApiSpec spec)
    {
        var json = ToJson();
        // Telegram's defaults for a chat nobody customised.
        json["accent_color_id"] = 0;
        json["max_reaction_count"] = 11;
        var gifts = new JsonObject();
        MemberState.FillBooleans(gifts, spec, "AcceptedGiftTypes", _ => !IsPrivate);
        json["accepted_gift_types"] = gifts;
        if (Description is not null)
        {
            json["description"] = Description;
        }

        if (Photo is [.., var biggest] && Photo[0] is { } smallest)
        {
            json["photo"] = new JsonObject
            {
                ["small_file_id"] = smallest["file_id"]!.DeepClone(),
                ["small_file_unique_id"] = smallest["file_unique_id"]!.DeepClone(),
                ["big_file_id"] = biggest!["file_id"]!.DeepClone(),
                ["big_file_unique_id"] = biggest["file_unique_id"]!.DeepClone(),
            };
        }

        return json;
    }
}
