using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bridges.Testing.Homeserver.Validation;

namespace Bridges.Testing.Homeserver.Model;

/// <summary>Reads <c>m.room.power_levels</c> with the spec's defaults for missing keys and a missing event.</summary>
internal sealed class PowerLevels(Room room)
{
    private readonly JsonObject? _content = room.StateContent("m.room.power_levels");

    public JsonObject? Content => _content;

    public long UsersDefault => Level("users_default", 0);

    public long EventsDefault => Level("events_default", 0);

    // Without a power levels event every state event needs 0 (spec auth rules).
    public long StateDefault => Level("state_default", _content is null ? 0 : 50);

    public long Ban => Level("ban", 50);

    public long Kick => Level("kick", 50);

    public long Redact => Level("redact", 50);

    public long Invite => Level("invite", 0);

    public long UserLevel(string userId)
    {
        if (room.IsCreator(userId) && RoomVersion.Creators(room.Version))
        {
            return long.MaxValue;
        }

        if (_content is null)
        {
            return room.IsCreator(userId) ? 100 : 0;
        }

        return _content["users"] is JsonObject users && users.TryGetPropertyValue(userId, out var level) &&
               TryRead(level, out var value)
            ? value
            : UsersDefault;
    }

    public long EventLevel(string type, bool isState) =>
        _content?["events"] is JsonObject events && events.TryGetPropertyValue(type, out var level) &&
        TryRead(level, out var value)
            ? value
            : isState ? StateDefault : EventsDefault;

    public long NotificationLevel(string key) =>
        _content?["notifications"]?[key] is { } level && TryRead(level, out var value) ? value : 50;

    private long Level(string key, long fallback) =>
        _content is not null && _content.TryGetPropertyValue(key, out var level) && TryRead(level, out var value)
            ? value
            : fallback;

    /// <summary>Reads a level; old room versions allow decimal strings.</summary>
    public static bool TryRead(JsonNode? node, out long value)
    {
        value = 0;
        if (node is not JsonValue v)
        {
            return false;
        }

        switch (v.GetValueKind())
        {
            case JsonValueKind.Number when JsonNodeHelpers.TryGetNumber(v, out var number) && decimal.Truncate(number) == number &&
                                           number is >= long.MinValue and <= long.MaxValue:
                value = (long)number;
                return true;
            case JsonValueKind.String:
                return long.TryParse(v.GetValue<string>(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
            default:
                return false;
        }
    }
}
