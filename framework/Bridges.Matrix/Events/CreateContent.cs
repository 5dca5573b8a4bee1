using System.Text.Json.Serialization;

namespace Bridges.Matrix.Events;

/// <summary>Content of <c>m.room.create</c>: the room version and, from room version 12, the extra creators.</summary>
public sealed record CreateContent
{
    /// <summary>The room version; the spec's default when absent is <c>1</c>.</summary>
    [JsonPropertyName("room_version")]
    public string? RoomVersion { get; init; }

    /// <summary>Users who are creators besides the sender of the create event (room version 12 and later).</summary>
    [JsonPropertyName("additional_creators")]
    public List<string>? AdditionalCreators { get; init; }

    /// <summary>
    /// Whether creators have infinite power in this room version (12 and later): they may not appear in the
    /// power levels' <c>users</c>, and no level can reach theirs.
    /// </summary>
    public bool CreatorsHaveInfinitePower => int.TryParse(RoomVersion ?? "1", out var v) && v >= 12;

    /// <summary>Whether <paramref name="userId"/> is a creator of the room created by <paramref name="sender"/>.</summary>
    public bool IsCreator(string userId, string sender) => userId == sender || AdditionalCreators?.Contains(userId) == true;
}
