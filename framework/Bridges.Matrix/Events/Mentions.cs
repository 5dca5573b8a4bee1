using System.Text.Json.Serialization;
using Bridges.Matrix.Ids;

namespace Bridges.Matrix.Events;

/// <summary><c>m.mentions</c>: who a message intentionally mentions.</summary>
public sealed record Mentions
{
    [JsonPropertyName("user_ids")]
    public IReadOnlyList<UserId>? UserIds { get; init; }

    [JsonPropertyName("room")]
    public bool? Room { get; init; }
}
