using Bridges.Core.Plugins;
using Microsoft.Extensions.Configuration;

namespace Bridges.Hosting.Runtime;

/// <summary>What <see cref="BridgesBuilder"/> collected: the configuration and the networks added, in order.</summary>
internal sealed class BridgesRegistry(IConfiguration configuration)
{
    public IConfiguration Configuration { get; } = configuration;

    public List<NetworkPlugin> Plugins { get; } = [];

    /// <summary>A bridge runs when its section exists and <c>enabled</c> is not false.</summary>
    public bool IsEnabled(string network)
    {
        var section = Configuration.GetSection("bridges").GetSection(network);
        return section.Exists() && !(bool.TryParse(section["enabled"], out var enabled) && !enabled);
    }
}
