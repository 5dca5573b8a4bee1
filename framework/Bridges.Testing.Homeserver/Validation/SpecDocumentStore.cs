using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Nodes;

namespace Bridges.Testing.Homeserver.Validation;

/// <summary>
/// The Matrix spec YAML files embedded in this assembly, parsed on first use and addressed by their path relative
/// to <c>specs/matrix/data</c> (for example <c>api/client-server/rooms.yaml</c>).
/// </summary>
internal sealed class SpecDocumentStore
{
    private const string ResourcePrefix = "matrix-spec/";
    private const int MaxRefHops = 32;

    private readonly Assembly _assembly;
    private readonly Dictionary<string, string> _resourceNames;
    private readonly ConcurrentDictionary<string, Lazy<JsonNode?>> _documents = new(StringComparer.Ordinal);

    public SpecDocumentStore()
    {
        _assembly = typeof(SpecDocumentStore).Assembly;
        _resourceNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in _assembly.GetManifestResourceNames())
        {
            // RecursiveDir uses the build machine's separator, so normalise it here.
            var normalised = name.Replace('\\', '/');
            if (normalised.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                _resourceNames[normalised[ResourcePrefix.Length..]] = name;
            }
        }
    }

    public IEnumerable<string> DocumentPaths => _resourceNames.Keys;

    public bool Exists(string path) => _resourceNames.ContainsKey(path);

    public JsonNode? GetDocument(string path)
    {
        if (!_resourceNames.TryGetValue(path, out var resource))
        {
            return null;
        }

        return _documents.GetOrAdd(path, _ => new Lazy<JsonNode?>(() => Load(resource))).Value;
    }

    /// <summary>Follows <c>$ref</c> chains until a node without <c>$ref</c> (used for OpenAPI objects, not schemas).</summary>
    public SchemaRef Deref(SchemaRef node)
    {
        for (var hops = 0; hops < MaxRefHops; hops++)
        {
            if (node.Node is not JsonObject obj || obj["$ref"] is not JsonValue refValue ||
                !refValue.TryGetValue<string>(out var reference))
            {
                return node;
            }

            node = Resolve(node.Document, reference);
        }

        throw new InvalidOperationException($"$ref chain too long in {node.Document}");
    }

    /// <summary>Resolves a <c>$ref</c> string relative to the document it appears in.</summary>
    public SchemaRef Resolve(string fromDocument, string reference)
    {
        var hash = reference.IndexOf('#', StringComparison.Ordinal);
        var filePart = hash < 0 ? reference : reference[..hash];
        var pointer = hash < 0 ? "" : reference[(hash + 1)..];
        var document = filePart.Length == 0 ? fromDocument : Combine(fromDocument, filePart);
        var root = GetDocument(document)
            ?? throw new InvalidOperationException($"$ref '{reference}' in {fromDocument}: no document {document}");
        return new SchemaRef(document, Navigate(root, pointer, reference));
    }

    public static string Combine(string fromDocument, string relative)
    {
        var slash = fromDocument.LastIndexOf('/');
        var parts = new List<string>(slash < 0 ? [] : fromDocument[..slash].Split('/'));
        foreach (var part in relative.Split('/'))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (part is not ("." or ""))
            {
                parts.Add(part);
            }
        }

        return string.Join('/', parts);
    }

    private static JsonNode? Navigate(JsonNode? node, string pointer, string reference)
    {
        if (pointer.Length == 0)
        {
            return node;
        }

        foreach (var rawToken in pointer.TrimStart('/').Split('/'))
        {
            var token = Uri.UnescapeDataString(rawToken).Replace("~1", "/", StringComparison.Ordinal)
                .Replace("~0", "~", StringComparison.Ordinal);
            node = node switch
            {
                JsonObject obj when obj.TryGetPropertyValue(token, out var child) => child,
                JsonArray array when int.TryParse(token, out var index) && index >= 0 && index < array.Count =>
                    array[index],
                _ => throw new InvalidOperationException($"$ref '{reference}': pointer token '{token}' not found"),
            };
        }

        return node;
    }

    private JsonNode? Load(string resource)
    {
        using var stream = _assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"missing embedded resource {resource}");
        using var reader = new StreamReader(stream);
        return YamlJsonConverter.Parse(reader.ReadToEnd());
    }
}
