using System.Text.Json.Serialization;

namespace Bridges.Matrix.Events;

/// <summary>Content of <c>m.room.join_rules</c>.</summary>
public sealed record JoinRulesContent([property: JsonPropertyName("join_rule")] string JoinRule);
