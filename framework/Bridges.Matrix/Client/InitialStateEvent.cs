using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bridges.Matrix.Client;

/// <summary>A state event to set when creating a room.</summary>
public sealed record InitialStateEvent(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("state_key")] string StateKey,
    [property: JsonPropertyName("content")] JsonElement Content);
