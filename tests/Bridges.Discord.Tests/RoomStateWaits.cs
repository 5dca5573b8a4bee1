using System.Text.Json;
using Bridges.Matrix.Ids;
using Bridges.Testing;

namespace Bridges.Discord.Tests;

/// <summary>Polls a room's current state until it matches, for members and power levels the bridge sets as it goes.</summary>
internal static class RoomStateWaits
{
    /// <summary>Waits until the state event's content matches (null content: the event is absent); returns the content.</summary>
    public static async Task<JsonElement?> WaitForStateAsync(this MatrixTestUser user, RoomId room, string type, string stateKey, Func<JsonElement?, bool> match)
    {
        using var deadline = new CancellationTokenSource(DiscordBridgeHarness.Timeout);
        JsonElement? content = null;
        while (!deadline.IsCancellationRequested)
        {
            content = (await user.GetStateEventAsync(room, type, stateKey, deadline.Token))?.GetProperty("content");
            if (match(content))
            {
                return content;
            }

            await Task.Delay(50, CancellationToken.None);
        }

        throw new TimeoutException($"{type}/{stateKey} in {room} never matched; last: {content}");
    }

    public static string? Membership(JsonElement? content) =>
        content is { } c && c.TryGetProperty("membership", out var m) ? m.GetString() : null;

    public static Task<JsonElement?> WaitForMembershipAsync(this MatrixTestUser user, RoomId room, string userId, string membership) =>
        user.WaitForStateAsync(room, "m.room.member", userId, c => Membership(c) == membership);

    /// <summary>A user's level in power levels content (the users_default when not listed).</summary>
    public static long LevelOf(JsonElement? content, string userId)
    {
        if (content is not { } c)
        {
            return 0;
        }

        if (c.TryGetProperty("users", out var users) && users.TryGetProperty(userId, out var level))
        {
            return level.GetInt64();
        }

        return c.TryGetProperty("users_default", out var fallback) ? fallback.GetInt64() : 0;
    }

    public static Task<JsonElement?> WaitForLevelAsync(this MatrixTestUser user, RoomId room, string userId, long level) =>
        user.WaitForStateAsync(room, "m.room.power_levels", string.Empty, c => LevelOf(c, userId) == level);
}
