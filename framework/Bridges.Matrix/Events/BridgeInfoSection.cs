using System.Text.Json.Serialization;

namespace Bridges.Matrix.Events;

/// <summary>One of the protocol, network or channel parts of <see cref="BridgeInfoContent"/>.</summary>
public sealed record BridgeInfoSection
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("displayname")]
    public string? DisplayName { get; init; }

    [JsonPropertyName("avatar_url")]
    public string? AvatarUrl { get; init; }

    [JsonPropertyName("external_url")]
    public string? ExternalUrl { get; init; }
}
