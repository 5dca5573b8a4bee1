using System.Text.Json.Nodes;

namespace Bridges.Testing.Homeserver.Validation;

/// <summary>All operations of the Client-Server and Application Service APIs, found by method and concrete path.</summary>
internal sealed class OperationIndex
{
    private static readonly string[] ApiFolders = ["api/client-server/", "api/application-service/"];
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options"];

    private readonly List<SpecOperation> _operations = [];

    public OperationIndex(SpecDocumentStore store)
    {
        foreach (var path in store.DocumentPaths.Order(StringComparer.Ordinal))
        {
            // Top-level files only: definitions/ hold shared schemas, not operations.
            if (!ApiFolders.Any(f => path.StartsWith(f, StringComparison.Ordinal) && !path[f.Length..].Contains('/', StringComparison.Ordinal)))
            {
                continue;
            }

            if (store.GetDocument(path) is not JsonObject root || root["paths"] is not JsonObject paths)
            {
                continue;
            }

            var basePath = root["servers"]?[0]?["variables"]?["basePath"]?["default"]?.GetValue<string>() ?? "";
            foreach (var (key, item) in paths)
            {
                var pathItem = store.Deref(new SchemaRef(path, item));
                if (pathItem.Node is not JsonObject itemObject)
                {
                    continue;
                }

                foreach (var method in Methods)
                {
                    if (itemObject[method] is JsonObject)
                    {
                        var operation = store.Deref(new SchemaRef(pathItem.Document, itemObject[method]));
                        // Trimmed: inviting.yaml (v1.19) has a stray space after "/rooms/{roomId}/invite".
                        _operations.Add(new SpecOperation(method.ToUpperInvariant(), (basePath + key).Trim(), operation, pathItem));
                    }
                }
            }
        }
    }

    public IReadOnlyList<SpecOperation> Operations => _operations;

    /// <summary>
    /// Finds the operations whose template matches <paramref name="rawPath"/> (percent-encoded, no query), keeping
    /// only the most specific templates. <paramref name="pathKnown"/> tells whether any method matched the path.
    /// </summary>
    public List<(SpecOperation Operation, Dictionary<string, string> Values)> Find(string method, string rawPath,
        out bool pathKnown)
    {
        var segments = rawPath.Split('/').Select(Uri.UnescapeDataString).ToList();
        var matches = MatchAll(segments, requireStateKey: false);
        if (matches.Count == 0)
        {
            // "When an empty string, the trailing slash on this endpoint is optional" (state key).
            segments.Add("");
            matches = MatchAll(segments, requireStateKey: true);
        }

        pathKnown = matches.Count > 0;
        if (matches.Count == 0)
        {
            return matches;
        }

        var sameMethod = matches
            .Where(m => string.Equals(m.Operation.Method, method, StringComparison.OrdinalIgnoreCase)).ToList();
        if (sameMethod.Count == 0)
        {
            return sameMethod;
        }

        var best = sameMethod.Max(m => m.Operation.LiteralCount);
        return sameMethod.Where(m => m.Operation.LiteralCount == best).ToList();
    }

    private List<(SpecOperation Operation, Dictionary<string, string> Values)> MatchAll(List<string> segments,
        bool requireStateKey)
    {
        var result = new List<(SpecOperation, Dictionary<string, string>)>();
        foreach (var operation in _operations)
        {
            if (requireStateKey && !operation.EndsWithStateKey)
            {
                continue;
            }

            if (operation.Match(segments) is { } values)
            {
                result.Add((operation, values));
            }
        }

        return result;
    }
}
