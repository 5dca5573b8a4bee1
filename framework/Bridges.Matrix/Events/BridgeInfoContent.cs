using System.Text.Json.Serialization;

namespace Bridges.Matrix.Events;

/// <summary>MSC2346 bridge info (<c>m.bridge</c> and <c>uk.half-shot.bridge</c> state).</summary>
public sealed record BridgeInfoContent
{
    [JsonPropertyName("bridgebot")]
    public required string BridgeBot { get; init; }

    [JsonPropertyName("creator")]
    public string? Creator { get; init; }

    [JsonPropertyName("protocol")]
    public required BridgeInfoSection Protocol { get; init; }

    [JsonPropertyName("network")]
    public BridgeInfoSection? Network { get; init; }

    [JsonPropertyName("channel")]
    public required BridgeInfoSection Channel { get; init; }
}
