using System.Text.Json.Serialization;
using Bridges.Matrix.Ids;

namespace Bridges.Matrix.Events;

/// <summary>Content of the ephemeral <c>m.typing</c> event.</summary>
public sealed record TypingContent([property: JsonPropertyName("user_ids")] IReadOnlyList<UserId> UserIds);
