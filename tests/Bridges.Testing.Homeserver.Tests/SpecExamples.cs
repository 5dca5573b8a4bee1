using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Bridges.Testing.Homeserver.Tests;

/// <summary>Loads the spec's example events, expanding their <c>$ref</c>s the way the spec's tooling does (shallow merge).</summary>
internal static class SpecExamples
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "spec-examples");

    public static IEnumerable<string> EventExampleFiles() =>
        Directory.GetFiles(Folder, "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    public static JsonElement Load(string fileName)
    {
        var node = LoadNode(Path.Combine(Folder, fileName));
        return JsonSerializer.SerializeToElement(node);
    }

    private static JsonNode? LoadNode(string path)
    {
        var text = File.ReadAllText(path);
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        // The examples are JSON written in YAML files, so a JSON parse of the YAML's canonical form is enough.
        var node = ToJson(stream.Documents[0].RootNode);
        return Expand(node, Path.GetDirectoryName(path)!);
    }

    private static JsonNode? Expand(JsonNode? node, string folder)
    {
        switch (node)
        {
            case JsonObject obj:
                JsonObject result;
                if (obj["$ref"] is JsonValue reference && reference.TryGetValue<string>(out var target))
                {
                    var targetPath = Path.GetFullPath(Path.Combine(folder, target));
                    var loaded = LoadNode(targetPath);
                    if (loaded is not JsonObject loadedObject)
                    {
                        // A reference to an array (e.g. invite_room_state.json) stands for the whole value.
                        return loaded;
                    }

                    result = loadedObject;
                }
                else
                {
                    result = [];
                }

                foreach (var (key, value) in obj.ToList())
                {
                    if (key != "$ref")
                    {
                        result[key] = Expand(value?.DeepClone(), folder);
                    }
                }

                return result;
            case JsonArray array:
                return new JsonArray(array.Select(i => Expand(i?.DeepClone(), folder)).ToArray());
            default:
                return node;
        }
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv =>
            KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, ToJson(kv.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar when scalar.Style != YamlDotNet.Core.ScalarStyle.Plain => JsonValue.Create(scalar.Value),
        YamlScalarNode scalar => scalar.Value switch
        {
            null or "null" or "~" => null,
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            var v when long.TryParse(v, out var l) => JsonValue.Create(l),
            var v when double.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
            var v => JsonValue.Create(v),
        },
        _ => null,
    };
}
