using System.Text.Json.Serialization;

namespace Bridges.Matrix.Events;

/// <summary>Content of <c>m.room.topic</c>.</summary>
public sealed record TopicContent([property: JsonPropertyName("topic")] string Topic);
