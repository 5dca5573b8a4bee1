using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Bridges.Matrix.Ids;

namespace Bridges.Matrix.Events;

/// <summary>
/// A room event in the client format the homeserver sends in transactions and /sync. The content stays raw
/// JSON so unknown event types keep every field; read it typed with <see cref="ContentAs{T}(JsonTypeInfo{T})"/>.
/// </summary>
public sealed record MatrixEvent
{
    [JsonPropertyName("event_id")]
    public EventId EventId { get; init; }

    [JsonPropertyName("room_id")]
    public RoomId RoomId { get; init; }

    [JsonPropertyName("sender")]
    public UserId Sender { get; init; }

    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("state_key")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StateKey { get; init; }

    [JsonPropertyName("origin_server_ts")]
    public long OriginServerTs { get; init; }

    [JsonPropertyName("content")]
    public JsonElement Content { get; init; }

    [JsonPropertyName("unsigned")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Unsigned { get; init; }

    /// <summary>For redactions in room versions before 11, the redacted event is at top level.</summary>
    [JsonPropertyName("redacts")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public EventId? Redacts { get; init; }

    /// <summary>True for state events (those with a state key, even an empty one).</summary>
    [JsonIgnore]
    public bool IsState => StateKey is not null;

    /// <summary>The event's timestamp.</summary>
    [JsonIgnore]
    public DateTimeOffset Timestamp => DateTimeOffset.FromUnixTimeMilliseconds(OriginServerTs);

    /// <summary>Deserialises the content; returns null when it does not fit <typeparamref name="T"/>.</summary>
    public T? ContentAs<T>(JsonTypeInfo<T> typeInfo) where T : class
    {
        if (Content.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        try
        {
            return Content.Deserialize(typeInfo);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The redacted event id, from <c>content.redacts</c> (v11+) or the top-level field.</summary>
    [JsonIgnore]
    public EventId? RedactedEventId =>
        Redacts ?? (Content.ValueKind == JsonValueKind.Object && Content.TryGetProperty("redacts", out var r) &&
                    r.ValueKind == JsonValueKind.String && EventId.TryParse(r.GetString(), out var id) ? id : null);
}
