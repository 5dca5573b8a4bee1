using System.Text.Json.Nodes;

namespace Bridges.Emulators.Telegram.World;

/// <summary>One account's membership in a group or supergroup.</summary>
internal sealed class MemberState(long userId, string status)
{
    public long UserId { get; } = userId;

    /// <summary>The wire status: creator, administrator, member, restricted, left or kicked.</summary>
    public string Status { get; set; } = status;

    public bool IsPresent => Status is "creator" or "administrator" or "member" or "restricted";

    public bool IsAdmin => Status is "creator" or "administrator";

    public JsonObject ToJson(UserState user, BotApiSpec spec)
    {
        var json = new JsonObject { ["status"] = Status, ["user"] = user.ToJson() };
        switch (Status)
        {
            case "creator":
                json["is_anonymous"] = false;
                break;
            case "administrator":
                // Every right the spec lists is granted; can_be_edited and is_anonymous are facts, not rights.
                FillBooleans(json, spec, "ChatMemberAdministrator", name => name is not ("can_be_edited" or "is_anonymous"));
                break;
            case "restricted":
                FillBooleans(json, spec, "ChatMemberRestricted", name => name == "is_member");
                json["until_date"] = 0;
                break;
            case "kicked":
                json["until_date"] = 0;
                break;
        }

        return json;
    }

    /// <summary>Sets every required Boolean field of <paramref name="typeName"/> (taken from the spec, so that new
    /// rights in a later Bot API version are filled in too).</summary>
    public static void FillBooleans(JsonObject json, BotApiSpec spec, string typeName, Func<string, bool> valueOf)
    {
        foreach (var field in spec.Types[typeName].Fields)
        {
            if (field.Required && field.Types is ["Boolean"] && !json.ContainsKey(field.Name))
            {
                json[field.Name] = valueOf(field.Name);
            }
        }
    }
}
