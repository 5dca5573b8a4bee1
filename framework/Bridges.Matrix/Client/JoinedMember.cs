using System.Text.Json.Serialization;

namespace Bridges.Matrix.Client;

/// <summary>One entry of <c>/joined_members</c>.</summary>
public sealed record JoinedMember
{
    [JsonPropertyName("display_name")]
    public string? DisplayName { get; init; }

    [JsonPropertyName("avatar_url")]
    public string? AvatarUrl { get; init; }
}
