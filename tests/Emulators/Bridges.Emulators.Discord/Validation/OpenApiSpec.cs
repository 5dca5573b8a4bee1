using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bridges.Emulators.Discord.Validation;

/// <summary>
/// Discord's OpenAPI description (embedded <c>discord-openapi.json</c>): finds the operation of a request by method and
/// path, and checks request and answer bodies against the schemas it names.
/// </summary>
public sealed class OpenApiSpec
{
    private readonly JsonObject _root;
    private readonly SchemaChecker _checker;
    private readonly List<(string[] Segments, string Template, JsonObject Item)> _paths = [];

    private OpenApiSpec(JsonObject root)
    {
        _root = root;
        _checker = new SchemaChecker(root);
        foreach (var (template, item) in (JsonObject)root["paths"]!)
        {
            _paths.Add((template.Trim('/').Split('/'), template, (JsonObject)item!));
        }

        // Literal segments beat parameters (/users/@me before /users/{user_id}).
        _paths.Sort((a, b) => Literals(b.Segments).CompareTo(Literals(a.Segments)));
    }

    /// <summary>Loads the embedded description.</summary>
    public static OpenApiSpec Load()
    {
        using var stream = typeof(OpenApiSpec).Assembly.GetManifestResourceStream("discord-openapi.json")
            ?? throw new InvalidOperationException("discord-openapi.json is not embedded");
        return new OpenApiSpec((JsonObject)JsonNode.Parse(stream)!);
    }

    /// <summary>The schema of a named component, for checking Gateway payloads that embed REST objects.</summary>
    public JsonNode? Component(string name) => _root["components"]!["schemas"]![name];

    /// <summary>Finds the operation for <paramref name="method"/> and the decoded path segments after <c>/api/v10</c>.</summary>
    public SpecOperation? Find(string method, IReadOnlyList<string> segments)
    {
        foreach (var (templateSegments, template, item) in _paths)
        {
            if (templateSegments.Length != segments.Count || item[method.ToLowerInvariant()] is not JsonObject operation)
            {
                continue;
            }

            var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
            var match = true;
            for (var i = 0; i < segments.Count && match; i++)
            {
                var t = templateSegments[i];
                if (t.StartsWith('{'))
                {
                    parameters[t.Trim('{', '}')] = segments[i];
                }
                else
                {
                    match = string.Equals(t, segments[i], StringComparison.Ordinal);
                }
            }

            if (match)
            {
                return new SpecOperation(operation["operationId"]!.GetValue<string>(), $"{method.ToUpperInvariant()} {template}", operation, parameters);
            }
        }

        return null;
    }

    /// <summary>Problems of a JSON request body; empty when it fits.</summary>
    public List<string> CheckRequest(SpecOperation operation, JsonElement body) =>
        operation.Operation["requestBody"]?["content"]?["application/json"]?["schema"] is { } schema ? _checker.Check(schema, body) : [];

    /// <summary>Problems of an answer body for <paramref name="status"/>; empty when it fits or the spec gives no schema.</summary>
    public List<string> CheckResponse(SpecOperation operation, int status, JsonElement body)
    {
        var responses = operation.Operation["responses"] as JsonObject;
        var declared = responses?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] ?? responses?[$"{status / 100}XX"];
        if (declared is null)
        {
            return [$"status {status} is not declared"];
        }

        return declared["content"]?["application/json"]?["schema"] is { } schema ? _checker.Check(schema, body) : [];
    }

    /// <summary>Checks <paramref name="value"/> against a component schema.</summary>
    public List<string> CheckComponent(string name, JsonElement value) => _checker.Check(Component(name), value);

    private static int Literals(string[] segments) => segments.Count(s => !s.StartsWith('{'));
}
