using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bridges.Matrix.Events;

/// <summary>
/// Content of <c>m.room.power_levels</c>, with the spec's defaults for absent keys. Keys this type does not model
/// are kept in <see cref="Extra"/>, so reading and writing the event back never drops what others put there.
/// </summary>
public sealed record PowerLevelsContent
{
    [JsonPropertyName("users")]
    public Dictionary<string, long> Users { get; init; } = [];

    [JsonPropertyName("users_default")]
    public long UsersDefault { get; init; }

    [JsonPropertyName("events")]
    public Dictionary<string, long> Events { get; init; } = [];

    [JsonPropertyName("events_default")]
    public long EventsDefault { get; init; }

    [JsonPropertyName("state_default")]
    public long StateDefault { get; init; } = 50;

    [JsonPropertyName("ban")]
    public long Ban { get; init; } = 50;

    [JsonPropertyName("kick")]
    public long Kick { get; init; } = 50;

    [JsonPropertyName("redact")]
    public long Redact { get; init; } = 50;

    [JsonPropertyName("invite")]
    public long Invite { get; init; }

    /// <summary>Levels for notification kinds (<c>room</c> for <c>@room</c>); null when absent.</summary>
    [JsonPropertyName("notifications")]
    public Dictionary<string, long>? Notifications { get; init; }

    /// <summary>Every key not modelled above, written back unchanged.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>The level of <paramref name="userId"/>.</summary>
    public long UserLevel(string userId) => Users.TryGetValue(userId, out var level) ? level : UsersDefault;

    /// <summary>The level needed to send an event of <paramref name="eventType"/>.</summary>
    public long EventLevel(string eventType, bool isState) =>
        Events.TryGetValue(eventType, out var level) ? level : isState ? StateDefault : EventsDefault;
}
