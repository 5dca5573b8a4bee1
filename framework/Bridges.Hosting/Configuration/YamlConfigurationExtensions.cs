using Microsoft.Extensions.Configuration;

namespace Bridges.Hosting.Configuration;

/// <summary>Adds YAML files to a configuration builder.</summary>
public static class YamlConfigurationExtensions
{
    /// <summary>Adds a YAML file.</summary>
    public static IConfigurationBuilder AddYamlFile(this IConfigurationBuilder builder, string path, bool optional) =>
        builder.Add<YamlConfigurationSource>(s =>
        {
            s.Path = path;
            s.Optional = optional;
            s.ReloadOnChange = false;
            s.ResolveFileProvider();
        });
}
