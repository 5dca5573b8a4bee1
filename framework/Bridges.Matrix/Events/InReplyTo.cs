using System.Text.Json.Serialization;
using Bridges.Matrix.Ids;

namespace Bridges.Matrix.Events;

/// <summary><c>m.in_reply_to</c>.</summary>
public sealed record InReplyTo
{
    [JsonPropertyName("event_id")]
    public EventId EventId { get; init; }
}
