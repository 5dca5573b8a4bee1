using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Bridges.Hosting.Configuration;

/// <summary>
/// Flattens YAML into configuration keys. Snake-case keys (<c>as_token</c>) bind to PascalCase properties
/// (<c>AsToken</c>): underscores are dropped from keys that are plain lower-case identifiers, while keys that
/// are data (user ids, server names) are kept as written. A key ending in <c>_file</c> is replaced by the
/// trimmed contents of that file, so secrets can live outside the config.
/// </summary>
public sealed partial class YamlConfigurationProvider(YamlConfigurationSource source) : FileConfigurationProvider(source)
{
    /// <summary>Where each flattened key was written, for error messages.</summary>
    public IReadOnlyDictionary<string, int> Lines => _lines;

    private readonly Dictionary<string, int> _lines = new(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override void Load(Stream stream)
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        _lines.Clear();
        var yaml = new YamlStream();
        try
        {
            using var reader = new StreamReader(stream);
            yaml.Load(reader);
        }
        catch (YamlException e)
        {
            throw new FormatException($"The configuration is not valid YAML at line {e.Start.Line}: {e.Message}", e);
        }

        if (yaml.Documents.Count > 0 && yaml.Documents[0].RootNode is YamlMappingNode root)
        {
            Flatten(root, null, data, (Source.FileProvider as Microsoft.Extensions.FileProviders.PhysicalFileProvider)?.Root ?? ".");
        }

        Data = data;
    }

    /// <summary>The configuration key for a YAML key.</summary>
    public static string NormalizeKey(string key) => Identifier().IsMatch(key) ? key.Replace("_", string.Empty, StringComparison.Ordinal) : key;

    private void Flatten(YamlNode node, string? prefix, Dictionary<string, string?> data, string baseDir)
    {
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (k, v) in map.Children)
                {
                    var raw = ((YamlScalarNode)k).Value ?? string.Empty;
                    if (raw.EndsWith("_file", StringComparison.Ordinal) && v is YamlScalarNode { Value: { Length: > 0 } path })
                    {
                        var key = Join(prefix, NormalizeKey(raw[..^"_file".Length]));
                        data[key] = File.ReadAllText(System.IO.Path.IsPathRooted(path) ? path : System.IO.Path.Combine(baseDir, path)).Trim();
                        _lines[key] = (int)k.Start.Line;
                        continue;
                    }

                    Flatten(v, Join(prefix, NormalizeKey(raw)), data, baseDir);
                    _lines[Join(prefix, NormalizeKey(raw))] = (int)k.Start.Line;
                }

                break;
            case YamlSequenceNode seq:
                for (var i = 0; i < seq.Children.Count; i++)
                {
                    Flatten(seq.Children[i], Join(prefix, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), data, baseDir);
                }

                break;
            case YamlScalarNode scalar when prefix is not null:
                data[prefix] = scalar.Value is "~" or "null" && scalar.Style == ScalarStyle.Plain ? null : scalar.Value;
                break;
        }
    }

    private static string Join(string? prefix, string key) => prefix is null ? key : prefix + ConfigurationPath.KeyDelimiter + key;

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex Identifier();
}
