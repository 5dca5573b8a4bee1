using System.Globalization;
using System.Text.Json.Nodes;
using Bridges.Testing.Homeserver.Http;
using Bridges.Testing.Homeserver.Model;

namespace Bridges.Testing.Homeserver.Logic;

/// <summary>The authorization rules for sending events: membership, power levels and power level changes.</summary>
internal static class RoomAuthorizer
{
    private static readonly string[] LevelKeys =
        ["users_default", "events_default", "state_default", "ban", "redact", "kick", "invite"];

    public static void RequireJoined(Room room, string userId)
    {
        if (room.Membership(userId) != "join")
        {
            throw MatrixError.Forbidden($"User {userId} not in room {room.RoomId}");
        }
    }

    /// <summary>Checks a non-membership event (message or state) the sender wants to send.</summary>
    public static void CheckSend(Room room, string sender, string type, string? stateKey, JsonObject content)
    {
        RequireJoined(room, sender);
        if (type == "m.room.create")
        {
            throw MatrixError.Forbidden("m.room.create can only be the first event of a room");
        }

        if (stateKey is not null && stateKey.StartsWith('@') && stateKey != sender)
        {
            // Auth rule: state keys that are user ids belong to that user.
            throw MatrixError.Forbidden($"You cannot set the state key {stateKey} of another user");
        }

        var powerLevels = room.PowerLevels;
        var level = powerLevels.UserLevel(sender);
        var needed = powerLevels.EventLevel(type, stateKey is not null);
        if (level < needed)
        {
            throw MatrixError.Forbidden(
                $"You don't have permission to post that to the room. user_level ({Show(level)}) < send_level ({needed})");
        }

        if (type == "m.room.power_levels")
        {
            CheckPowerLevelChange(room, sender, content);
        }
    }

    public static void CheckRedact(Room room, string sender, StoredEvent target)
    {
        RequireJoined(room, sender);
        var powerLevels = room.PowerLevels;
        var level = powerLevels.UserLevel(sender);
        var needed = powerLevels.EventLevel("m.room.redaction", isState: false);
        if (level < needed)
        {
            throw MatrixError.Forbidden($"You don't have permission to redact. user_level ({Show(level)}) < send_level ({needed})");
        }

        if (target.Sender != sender && level < powerLevels.Redact)
        {
            throw MatrixError.Forbidden(
                $"You don't have permission to redact events of others. user_level ({Show(level)}) < redact ({powerLevels.Redact})");
        }
    }

    /// <summary>The spec's rules for a new <c>m.room.power_levels</c> event against the current one.</summary>
    public static void CheckPowerLevelChange(Room room, string sender, JsonObject proposed)
    {
        var current = room.PowerLevels;
        if (current.Content is null)
        {
            return;
        }

        var senderLevel = current.UserLevel(sender);
        foreach (var key in LevelKeys)
        {
            CheckChange(key, current.Content[key], proposed[key], senderLevel);
        }

        var oldEvents = current.Content["events"] as JsonObject ?? [];
        var newEvents = proposed["events"] as JsonObject ?? [];
        foreach (var type in oldEvents.Select(kv => kv.Key).Union(newEvents.Select(kv => kv.Key)))
        {
            CheckChange($"events.{type}", oldEvents[type], newEvents[type], senderLevel);
        }

        var oldUsers = current.Content["users"] as JsonObject ?? [];
        var newUsers = proposed["users"] as JsonObject ?? [];
        foreach (var user in oldUsers.Select(kv => kv.Key).Union(newUsers.Select(kv => kv.Key)))
        {
            if (RoomVersion.Creators(room.Version) && room.IsCreator(user) && newUsers.ContainsKey(user))
            {
                throw MatrixError.Forbidden($"Room creator {user} cannot be listed in users in room version {room.Version}");
            }

            var changed = CheckChange($"users.{user}", oldUsers[user], newUsers[user], senderLevel);
            if (changed && user != sender && PowerLevels.TryRead(oldUsers[user], out var old) && old >= senderLevel)
            {
                throw MatrixError.Forbidden($"You cannot change the power level of {user}, who has as much power as you");
            }
        }
    }

    private static bool CheckChange(string key, JsonNode? oldValue, JsonNode? newValue, long senderLevel)
    {
        var hasOld = PowerLevels.TryRead(oldValue, out var old);
        var hasNew = PowerLevels.TryRead(newValue, out var proposed);
        if (hasOld == hasNew && old == proposed)
        {
            return false;
        }

        if ((hasOld && old > senderLevel) || (hasNew && proposed > senderLevel))
        {
            throw MatrixError.Forbidden($"You cannot change {key} beyond your own power level ({Show(senderLevel)})");
        }

        return true;
    }

    private static string Show(long level) =>
        level == long.MaxValue ? "infinite" : level.ToString(CultureInfo.InvariantCulture);
}
