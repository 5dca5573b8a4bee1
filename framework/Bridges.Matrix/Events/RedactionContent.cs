using System.Text.Json.Serialization;
using Bridges.Matrix.Ids;

namespace Bridges.Matrix.Events;

/// <summary>Content of <c>m.room.redaction</c> (room version 11 moved <c>redacts</c> into content).</summary>
public sealed record RedactionContent(
    [property: JsonPropertyName("redacts")] EventId? Redacts,
    [property: JsonPropertyName("reason")] string? Reason);
