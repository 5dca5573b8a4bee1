using Microsoft.Extensions.Configuration;

namespace Bridges.Hosting.Configuration;

/// <summary>A YAML file as a configuration source.</summary>
public sealed class YamlConfigurationSource : FileConfigurationSource
{
    /// <inheritdoc />
    public override IConfigurationProvider Build(IConfigurationBuilder builder)
    {
        EnsureDefaults(builder);
        return new YamlConfigurationProvider(this);
    }
}
