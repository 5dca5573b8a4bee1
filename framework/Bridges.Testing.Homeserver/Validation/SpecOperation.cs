using System.Text.Json.Nodes;

namespace Bridges.Testing.Homeserver.Validation;

/// <summary>One OpenAPI operation of the spec: method, full path template and where its definition lives.</summary>
internal sealed class SpecOperation(string method, string template, SchemaRef operation, SchemaRef pathItem)
{
    public string Method { get; } = method;

    /// <summary>Full path: <c>servers[0].variables.basePath.default</c> + the <c>paths</c> key.</summary>
    public string Template { get; } = template;

    public string[] Segments { get; } = template.Split('/');

    public SchemaRef Operation { get; } = operation;

    public SchemaRef PathItem { get; } = pathItem;

    public int LiteralCount => Segments.Count(s => !IsParameter(s));

    public string OperationId => Operation.Node?["operationId"]?.GetValue<string>() ?? $"{Method} {Template}";

    public bool EndsWithStateKey => Segments[^1] == "{stateKey}";

    public static bool IsParameter(string segment) =>
        segment.Length > 2 && segment[0] == '{' && segment[^1] == '}';

    /// <summary>Matches decoded request segments; returns the path parameter values or null.</summary>
    public Dictionary<string, string>? Match(IReadOnlyList<string> segments)
    {
        if (segments.Count != Segments.Length)
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < Segments.Length; i++)
        {
            if (IsParameter(Segments[i]))
            {
                values[Segments[i][1..^1]] = segments[i];
            }
            else if (!string.Equals(Segments[i], segments[i], StringComparison.Ordinal))
            {
                return null;
            }
        }

        return values;
    }

    public IEnumerable<JsonNode?> Parameters =>
        (PathItem.Node?["parameters"] as JsonArray ?? []).Concat(Operation.Node?["parameters"] as JsonArray ?? []);
}
