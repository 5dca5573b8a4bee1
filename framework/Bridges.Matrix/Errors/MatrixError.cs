using System.Text.Json.Serialization;

namespace Bridges.Matrix.Errors;

/// <summary>The standard Matrix error body <c>{"errcode": "M_…", "error": "…"}</c>.</summary>
/// <param name="Errcode">A code such as <c>M_FORBIDDEN</c>; see <see cref="MatrixErrorCodes"/>.</param>
/// <param name="Error">A human-readable explanation.</param>
public sealed record MatrixError(
    [property: JsonPropertyName("errcode")] string Errcode,
    [property: JsonPropertyName("error")] string Error)
{
    /// <summary>For <c>M_LIMIT_EXCEEDED</c>: how long to wait before retrying.</summary>
    [JsonPropertyName("retry_after_ms")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? RetryAfterMs { get; init; }
}
