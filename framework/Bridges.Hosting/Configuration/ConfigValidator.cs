using System.Collections;
using System.Globalization;
using System.Reflection;
using Bridges.Core.Bridge;
using Bridges.Core.Plugins;
using Bridges.Core.Provisioning;
using Bridges.Storage;
using YamlDotNet.RepresentationModel;

namespace Bridges.Hosting.Configuration;

/// <summary>
/// Checks a config file against the options classes: every key must be known (a misspelt key is an error, not a
/// silently ignored setting), every value must convert to its option's type, and the bridges must not collide.
/// Used by <c>check-config</c> and at start.
/// </summary>
public static class ConfigValidator
{
    /// <summary>All problems in <paramref name="yaml"/> for a host with <paramref name="plugins"/>.</summary>
    public static IReadOnlyList<ConfigError> Validate(string yaml, IReadOnlyList<NetworkPlugin> plugins)
    {
        var errors = new List<ConfigError>();
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            return [new ConfigError("(file)", (int)e.Start.Line, $"not valid YAML: {e.Message}")];
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return errors;
        }

        foreach (var (keyNode, value) in root.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? string.Empty;
            Type? type = YamlConfigurationProvider.NormalizeKey(key).ToLowerInvariant() switch
            {
                "homeserver" => typeof(HomeserverOptions),
                "appservice" => typeof(ListenerOptions),
                "storage" => typeof(StorageOptions),
                "logging" => typeof(LoggingOptions),
                "shutdown" => typeof(ShutdownOptions),
                "metrics" => typeof(MetricsOptions),
                _ => null,
            };
            if (type is not null)
            {
                CheckObject(value, [type], key, errors);
            }
            else if (key == "bridges" && value is YamlMappingNode bridges)
            {
                CheckBridges(bridges, plugins, errors);
            }
            else
            {
                errors.Add(new ConfigError(key, Line(keyNode), "unknown key"));
            }
        }

        return errors;
    }

    private static void CheckBridges(YamlMappingNode bridges, IReadOnlyList<NetworkPlugin> plugins, List<ConfigError> errors)
    {
        var prefixes = new Dictionary<string, string>();
        foreach (var (keyNode, value) in bridges.Children)
        {
            var name = ((YamlScalarNode)keyNode).Value ?? string.Empty;
            var plugin = plugins.FirstOrDefault(p => p.Name == name);
            if (plugin is null)
            {
                errors.Add(new ConfigError($"bridges.{name}", Line(keyNode), $"unknown bridge; this host has {string.Join(", ", plugins.Select(p => p.Name))}"));
                continue;
            }

            var types = new List<Type> { typeof(BridgeInstanceOptions), typeof(BridgeOptions), typeof(ProvisioningSection) };
            if (plugin.OptionsType is { } pluginType)
            {
                types.Add(pluginType);
            }

            CheckObject(value, types, $"bridges.{name}", errors);
            var enabled = value is not YamlMappingNode m || !m.Children.Any(c => ((YamlScalarNode)c.Key).Value == "enabled" && c.Value is YamlScalarNode { Value: "false" });
            var prefix = value is YamlMappingNode map && map.Children.FirstOrDefault(c => ((YamlScalarNode)c.Key).Value == "path_prefix").Value is YamlScalarNode { Value: { } p } ? p : string.Empty;
            if (prefix.Length > 0 && !prefix.StartsWith('/'))
            {
                errors.Add(new ConfigError($"bridges.{name}.path_prefix", Line(keyNode), "must start with '/'"));
            }

            if (enabled && prefixes.TryGetValue(prefix, out var other))
            {
                errors.Add(new ConfigError($"bridges.{name}.path_prefix", Line(keyNode), $"'{prefix}' is also used by bridges.{other}: bridges sharing a port need distinct path prefixes"));
            }
            else if (enabled)
            {
                prefixes[prefix] = name;
            }
        }
    }

    private static void CheckObject(YamlNode node, IReadOnlyList<Type> types, string path, List<ConfigError> errors)
    {
        if (node is YamlScalarNode { Value: null or "" or "~" })
        {
            return;
        }

        if (node is not YamlMappingNode map)
        {
            errors.Add(new ConfigError(path, Line(node), "expected a mapping of keys"));
            return;
        }

        foreach (var (keyNode, value) in map.Children)
        {
            var raw = ((YamlScalarNode)keyNode).Value ?? string.Empty;
            var isFile = raw.EndsWith("_file", StringComparison.Ordinal);
            var key = YamlConfigurationProvider.NormalizeKey(isFile ? raw[..^"_file".Length] : raw);
            var property = types.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                .FirstOrDefault(p => p.CanWrite && p.Name.Equals(key, StringComparison.OrdinalIgnoreCase) || p.CanRead && p.Name.Equals(key, StringComparison.OrdinalIgnoreCase) && !IsScalar(p.PropertyType));
            var keyPath = $"{path}.{raw}";
            if (property is null)
            {
                errors.Add(new ConfigError(keyPath, Line(keyNode), "unknown key"));
                continue;
            }

            if (isFile)
            {
                if (property.PropertyType != typeof(string))
                {
                    errors.Add(new ConfigError(keyPath, Line(keyNode), "only text options can be read from a file"));
                }

                continue;
            }

            CheckValue(value, property.PropertyType, keyPath, errors);
        }
    }

    private static void CheckValue(YamlNode value, Type type, string path, List<ConfigError> errors)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (IsScalar(type))
        {
            if (value is not YamlScalarNode scalar)
            {
                errors.Add(new ConfigError(path, Line(value), $"expected a single {Describe(type)}"));
            }
            else if (scalar.Value is { Length: > 0 } text && text != "~" && !Converts(text, type))
            {
                errors.Add(new ConfigError(path, Line(value), $"'{text}' is not a valid {Describe(type)}"));
            }

            return;
        }

        var dictionary = type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
        if (dictionary is not null)
        {
            if (value is YamlMappingNode map)
            {
                foreach (var (k, v) in map.Children)
                {
                    CheckValue(v, dictionary.GetGenericArguments()[1], $"{path}.{((YamlScalarNode)k).Value}", errors);
                }
            }
            else if (value is not YamlScalarNode { Value: null or "" or "~" })
            {
                errors.Add(new ConfigError(path, Line(value), "expected a mapping"));
            }

            return;
        }

        if (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type))
        {
            var item = type.IsArray ? type.GetElementType()! : type.GetGenericArguments().FirstOrDefault() ?? typeof(string);
            if (value is YamlSequenceNode seq)
            {
                for (var i = 0; i < seq.Children.Count; i++)
                {
                    CheckValue(seq.Children[i], item, $"{path}[{i}]", errors);
                }
            }
            else if (value is not YamlScalarNode { Value: null or "" or "~" })
            {
                errors.Add(new ConfigError(path, Line(value), "expected a list"));
            }

            return;
        }

        CheckObject(value, [type], path, errors);
    }

    private static bool IsScalar(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan) || type == typeof(Uri);
    }

    private static bool Converts(string text, Type type)
    {
        if (type == typeof(string))
        {
            return true;
        }

        if (type.IsEnum)
        {
            return Enum.TryParse(type, text, ignoreCase: true, out _);
        }

        if (type == typeof(TimeSpan))
        {
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out _);
        }

        if (type == typeof(Uri))
        {
            return Uri.TryCreate(text, UriKind.Absolute, out _);
        }

        try
        {
            _ = Convert.ChangeType(text, type, CultureInfo.InvariantCulture);
            return true;
        }
        catch (Exception e) when (e is FormatException or OverflowException or InvalidCastException)
        {
            return false;
        }
    }

    private static string Describe(Type type) => type.IsEnum
        ? "value (one of " + string.Join(", ", Enum.GetNames(type).Select(n => n.ToLowerInvariant())) + ")"
        : type == typeof(bool) ? "boolean (true or false)" : type == typeof(TimeSpan) ? "duration (hh:mm:ss)" : type.Name.ToLowerInvariant();

    private static int Line(YamlNode node) => (int)node.Start.Line;

    /// <summary>The shape of a bridge's <c>provisioning</c> sub-section.</summary>
    private sealed class ProvisioningSection
    {
        public ProvisioningOptions? Provisioning { get; set; }
    }
}
