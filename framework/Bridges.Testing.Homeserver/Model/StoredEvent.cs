using System.Text.Json.Nodes;

namespace Bridges.Testing.Homeserver.Model;

/// <summary>A room event as the homeserver keeps it; <see cref="ToJson"/> gives the client format.</summary>
internal sealed class StoredEvent
{
    public required string EventId { get; init; }

    public required string RoomId { get; init; }

    public required string Type { get; init; }

    public required string Sender { get; init; }

    public string? StateKey { get; init; }

    public required long OriginServerTs { get; init; }

    /// <summary>Content; replaced by the redacted content when the event is redacted.</summary>
    public required JsonObject Content { get; set; }

    /// <summary>Stream position; the event's place in the room timeline and in sync tokens.</summary>
    public long Position { get; set; }

    /// <summary>For <c>m.room.redaction</c>: the redacted event (also kept at top level for room versions 1-10).</summary>
    public string? Redacts { get; init; }

    /// <summary>Whether <see cref="Redacts"/> is serialised at top level (room versions before 11 only).</summary>
    public bool TopLevelRedacts { get; init; }

    /// <summary>The state event this one replaced, if it is state.</summary>
    public StoredEvent? Replaces { get; set; }

    public StoredEvent? RedactedBecause { get; set; }

    /// <summary>The client's transaction id and the scope (device or appservice user) it belongs to.</summary>
    public string? TransactionId { get; init; }

    public string? TransactionScope { get; init; }

    public bool IsState => StateKey is not null;

    public string? Membership => Type == "m.room.member" ? Content["membership"]?.GetValue<string>() : null;

    /// <summary>Serialises the event in the client format.</summary>
    /// <param name="includeRoomId">False for /sync, where the room id is implied.</param>
    /// <param name="nowMs">Now, for <c>unsigned.age</c>.</param>
    /// <param name="scope">The requester's transaction scope, to echo <c>unsigned.transaction_id</c>.</param>
    /// <param name="membership">The requester's membership at this event, for <c>unsigned.membership</c>.</param>
    public JsonObject ToJson(bool includeRoomId, long nowMs, string? scope = null, string? membership = null)
    {
        var json = new JsonObject
        {
            ["type"] = Type,
            ["event_id"] = EventId,
            ["sender"] = Sender,
            ["origin_server_ts"] = OriginServerTs,
            ["content"] = Content.DeepClone(),
        };
        if (includeRoomId)
        {
            json["room_id"] = RoomId;
        }

        if (StateKey is not null)
        {
            json["state_key"] = StateKey;
        }

        if (Redacts is not null && TopLevelRedacts)
        {
            json["redacts"] = Redacts;
        }

        var unsigned = new JsonObject { ["age"] = Math.Max(0, nowMs - OriginServerTs) };
        if (Replaces is not null)
        {
            unsigned["prev_content"] = Replaces.Content.DeepClone();
            unsigned["replaces_state"] = Replaces.EventId;
        }

        if (RedactedBecause is not null)
        {
            unsigned["redacted_because"] = RedactedBecause.ToJson(includeRoomId, nowMs);
        }

        if (scope is not null && TransactionId is not null && scope == TransactionScope)
        {
            unsigned["transaction_id"] = TransactionId;
        }

        if (membership is not null)
        {
            unsigned["membership"] = membership;
        }

        json["unsigned"] = unsigned;
        return json;
    }

    /// <summary>The stripped form used in <c>invite_state</c>.</summary>
    public JsonObject ToStripped() => new()
    {
        ["type"] = Type,
        ["state_key"] = StateKey ?? "",
        ["sender"] = Sender,
        ["content"] = Content.DeepClone(),
    };
}
