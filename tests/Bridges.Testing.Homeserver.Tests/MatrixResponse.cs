using System.Net;
using System.Text.Json.Nodes;

namespace Bridges.Testing.Homeserver.Tests;

/// <summary>Status, headers and (when JSON) body of a response.</summary>
internal sealed record MatrixResponse(HttpStatusCode Status, string Text, JsonNode? Json, Dictionary<string, string> Headers, byte[] Bytes)
{
    public string? ErrCode => Json?["errcode"]?.GetValue<string>();

    public static async Task<MatrixResponse> ReadAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        JsonNode? json = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/json" && text.Length > 0)
        {
            json = JsonNode.Parse(text);
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            headers[name] = string.Join(", ", values);
        }

        return new MatrixResponse(response.StatusCode, text, json, headers, bytes);
    }
}
