using Bridges.Core.Plugins;
using Bridges.Hosting.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bridges.Hosting;

/// <summary>Composition of bridges in a generic host: <c>services.AddBridges(configuration).AddIrc()</c>.</summary>
public static class BridgesServiceCollectionExtensions
{
    /// <summary>
    /// Adds the bridges host: options bound from <paramref name="configuration"/> (<c>homeserver</c>, <c>appservice</c>,
    /// <c>storage</c>, <c>metrics</c>, <c>logging</c>, <c>shutdown</c>, and <c>bridges:&lt;network&gt;</c> per network)
    /// and validated at start, and a hosted service (<see cref="BridgesHostedService"/>) that runs every enabled bridge.
    /// Add networks to the builder returned, each with its plugin's extension method.
    /// </summary>
    public static IBridgesBuilder AddBridges(this IServiceCollection services, IConfiguration configuration)
    {
        var builder = BridgesBuilder.Create(services, configuration);
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<BridgesHostedService>();
        services.AddHostedService(sp => sp.GetRequiredService<BridgesHostedService>());
        return builder;
    }
}
