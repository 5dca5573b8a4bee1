using System.Text.Json.Serialization;
using Bridges.Matrix.Ids;

namespace Bridges.Matrix.Events;

/// <summary>Content of <c>m.room.member</c>.</summary>
public sealed record MemberContent
{
    [JsonPropertyName("membership")]
    public required string Membership { get; init; }

    [JsonPropertyName("displayname")]
    public string? DisplayName { get; init; }

    [JsonPropertyName("avatar_url")]
    public MxcUri? AvatarUrl { get; init; }

    [JsonPropertyName("is_direct")]
    public bool? IsDirect { get; init; }

    [JsonPropertyName("reason")]
    public string? Reason { get; init; }
}
