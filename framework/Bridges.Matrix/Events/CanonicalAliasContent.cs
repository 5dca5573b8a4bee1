using System.Text.Json.Serialization;
using Bridges.Matrix.Ids;

namespace Bridges.Matrix.Events;

/// <summary>Content of <c>m.room.canonical_alias</c>.</summary>
public sealed record CanonicalAliasContent([property: JsonPropertyName("alias")] RoomAlias? Alias);
