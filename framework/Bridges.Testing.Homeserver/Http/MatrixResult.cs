using System.Text.Json.Nodes;

namespace Bridges.Testing.Homeserver.Http;

/// <summary>What a handler answers: a JSON body or raw bytes (media), with a status.</summary>
internal sealed class MatrixResult
{
    public int Status { get; init; } = 200;

    public JsonNode? Json { get; init; }

    public byte[]? Bytes { get; init; }

    public string? ContentType { get; init; }

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Skips the self-check of the response (for the few spec schemas that cannot match valid output).</summary>
    public bool SkipResponseValidation { get; init; }

    public static MatrixResult Ok(JsonNode json) => new() { Json = json };

    public static MatrixResult Empty() => new() { Json = new JsonObject() };

    public static MatrixResult Error(MatrixException error)
    {
        var result = new MatrixResult { Status = error.Status, Json = error.ToJson() };
        if (error.Status == 429 && error.Extra?["retry_after_ms"] is JsonValue retry && retry.TryGetValue<int>(out var ms))
        {
            result.Headers["Retry-After"] = ((ms + 999) / 1000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return result;
    }
}
