using System.Text.Json.Nodes;
using Bridges.Testing.Homeserver.Model;

namespace Bridges.Testing.Homeserver.Logic;

/// <summary>The spec's redaction algorithm: which content keys survive, per event type and room version.</summary>
internal static class Redactor
{
    public static void Apply(Room room, StoredEvent target, StoredEvent redaction)
    {
        target.Content = RedactContent(room.Version, target.Type, target.Content);
        target.RedactedBecause = redaction;
    }

    private static JsonObject RedactContent(string version, string type, JsonObject content)
    {
        var number = int.TryParse(version, out var n) ? n : 1;
        string[] keep = type switch
        {
            "m.room.member" => number >= 9 ? ["membership", "join_authorised_via_users_server"] : ["membership"],
            "m.room.create" when number >= 11 => [.. content.Select(kv => kv.Key)],
            "m.room.create" => ["creator"],
            "m.room.join_rules" => number >= 8 ? ["join_rule", "allow"] : ["join_rule"],
            "m.room.power_levels" => number >= 11
                ? ["ban", "events", "events_default", "invite", "kick", "redact", "state_default", "users", "users_default"]
                : ["ban", "events", "events_default", "kick", "redact", "state_default", "users", "users_default"],
            "m.room.aliases" when number <= 5 => ["aliases"],
            "m.room.history_visibility" => ["history_visibility"],
            "m.room.redaction" when number >= 11 => ["redacts"],
            _ => [],
        };
        var redacted = new JsonObject();
        foreach (var key in keep)
        {
            if (content.TryGetPropertyValue(key, out var value))
            {
                redacted[key] = value?.DeepClone();
            }
        }

        if (type == "m.room.member" && number >= 11 && content["third_party_invite"]?["signed"] is { } signed)
        {
            redacted["third_party_invite"] = new JsonObject { ["signed"] = signed.DeepClone() };
        }

        return redacted;
    }
}
