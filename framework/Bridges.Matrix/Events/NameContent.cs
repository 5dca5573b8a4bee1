using System.Text.Json.Serialization;

namespace Bridges.Matrix.Events;

/// <summary>Content of <c>m.room.name</c>.</summary>
public sealed record NameContent([property: JsonPropertyName("name")] string Name);
