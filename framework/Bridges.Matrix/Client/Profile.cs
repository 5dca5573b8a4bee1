using System.Text.Json.Serialization;

namespace Bridges.Matrix.Client;

/// <summary>A user's global profile, or a room member's per-room profile.</summary>
public sealed record Profile
{
    [JsonPropertyName("displayname")]
    public string? DisplayName { get; init; }

    [JsonPropertyName("avatar_url")]
    public string? AvatarUrl { get; init; }
}
