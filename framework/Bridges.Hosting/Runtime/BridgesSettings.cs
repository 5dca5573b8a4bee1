using Bridges.Core.Bridge;
using Bridges.Core.Plugins;
using Bridges.Core.Provisioning;
using Bridges.Matrix.Registration;
using Bridges.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bridges.Hosting.Runtime;

/// <summary>
/// Everything <see cref="BridgesApplication"/> starts from, taken from validated options: every plugin added (their
/// migrations are applied whether or not they run) and the enabled bridges.
/// </summary>
internal sealed record BridgesSettings(HomeserverOptions Homeserver, ListenerOptions Listener, StorageOptions Storage,
    MetricsOptions Metrics, ShutdownOptions Shutdown, IReadOnlyList<NetworkPlugin> Plugins, IReadOnlyList<BridgeSettings> Bridges,
    IReadOnlyDictionary<string, AppServiceRegistration> Registrations)
{
    /// <summary>The settings registered by <c>AddBridges</c> in <paramref name="services"/>.</summary>
    public static BridgesSettings Resolve(IServiceProvider services)
    {
        var registry = services.GetRequiredService<BridgesRegistry>();
        var bridges = registry.Plugins
            .Where(p => registry.IsEnabled(p.Name))
            .Select(p => new BridgeSettings(p, registry.Configuration.GetSection("bridges").GetSection(p.Name),
                Named<BridgeInstanceOptions>(services, p.Name), Named<BridgeOptions>(services, p.Name), Named<ProvisioningOptions>(services, p.Name)))
            .ToList();
        var registrations = services.GetServices<PresetRegistration>().ToDictionary(r => r.Network, r => r.Registration, StringComparer.Ordinal);
        return new BridgesSettings(Host<HomeserverOptions>(services), Host<ListenerOptions>(services), Host<StorageOptions>(services),
            Host<MetricsOptions>(services), Host<ShutdownOptions>(services), [.. registry.Plugins], bridges, registrations);
    }

    /// <summary>
    /// Composes <paramref name="configuration"/> and <paramref name="plugins"/> as <c>AddBridges</c> does and runs the
    /// same start-up validation, for callers without a generic host. Throws <see cref="OptionsValidationException"/>
    /// (or an <see cref="AggregateException"/> of them) naming the bad keys.
    /// </summary>
    public static BridgesSettings Compose(IConfiguration configuration, IEnumerable<NetworkPlugin> plugins)
    {
        var services = new ServiceCollection();
        var builder = BridgesBuilder.Create(services, configuration);
        foreach (var plugin in plugins)
        {
            builder.AddNetwork(plugin);
        }

        using var provider = services.BuildServiceProvider();
        provider.GetService<IStartupValidator>()?.Validate();
        return Resolve(provider);
    }

    private static T Host<T>(IServiceProvider services)
        where T : class => services.GetRequiredService<IOptions<T>>().Value;

    private static T Named<T>(IServiceProvider services, string name)
        where T : class => services.GetRequiredService<IOptionsMonitor<T>>().Get(name);
}
