using System.Text.Json.Serialization;

namespace Bridges.Matrix.Events;

/// <summary>Content of <c>m.reaction</c>.</summary>
public sealed record ReactionContent([property: JsonPropertyName("m.relates_to")] RelatesTo RelatesTo);
