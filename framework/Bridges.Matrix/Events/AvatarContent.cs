using System.Text.Json.Serialization;
using Bridges.Matrix.Ids;

namespace Bridges.Matrix.Events;

/// <summary>Content of <c>m.room.avatar</c>.</summary>
public sealed record AvatarContent([property: JsonPropertyName("url")] MxcUri? Url);
