using System.Text.Json;
using System.Text.Json.Serialization;
using Bridges.Matrix.Ids;

namespace Bridges.Matrix.Client;

/// <summary>Body of <c>POST /_matrix/client/v3/createRoom</c>.</summary>
public sealed record CreateRoomRequest
{
    /// <summary><c>private_chat</c>, <c>trusted_private_chat</c> or <c>public_chat</c>.</summary>
    [JsonPropertyName("preset")]
    public string? Preset { get; init; }

    /// <summary><c>public</c> or <c>private</c> in the room directory.</summary>
    [JsonPropertyName("visibility")]
    public string? Visibility { get; init; }

    [JsonPropertyName("room_alias_name")]
    public string? RoomAliasName { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("topic")]
    public string? Topic { get; init; }

    [JsonPropertyName("invite")]
    public IReadOnlyList<UserId>? Invite { get; init; }

    [JsonPropertyName("is_direct")]
    public bool? IsDirect { get; init; }

    [JsonPropertyName("room_version")]
    public string? RoomVersion { get; init; }

    [JsonPropertyName("initial_state")]
    public IReadOnlyList<InitialStateEvent>? InitialState { get; init; }

    [JsonPropertyName("power_level_content_override")]
    public JsonElement? PowerLevelContentOverride { get; init; }

    [JsonPropertyName("creation_content")]
    public JsonElement? CreationContent { get; init; }
}
