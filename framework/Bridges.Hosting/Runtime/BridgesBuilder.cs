using Bridges.Core.Bridge;
using Bridges.Core.Plugins;
using Bridges.Core.Provisioning;
using Bridges.Hosting.Configuration;
using Bridges.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bridges.Hosting.Runtime;

/// <summary>
/// Registers the host's options and each network's: bound from their config sections and validated at start
/// (<c>ValidateOnStart</c>) by their data annotations and validators, with failures that name the config key.
/// </summary>
internal sealed class BridgesBuilder : IBridgesBuilder
{
    private readonly BridgesRegistry _registry;

    private BridgesBuilder(IServiceCollection services, BridgesRegistry registry)
    {
        Services = services;
        _registry = registry;
    }

    public IServiceCollection Services { get; }

    public IConfiguration Configuration => _registry.Configuration;

    /// <summary>Registers the host-wide options; networks are added to the builder returned.</summary>
    public static BridgesBuilder Create(IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(BridgesRegistry)))
        {
            throw new InvalidOperationException("AddBridges was called twice; add every network to the builder the first call returned.");
        }

        var registry = new BridgesRegistry(configuration);
        services.AddSingleton(registry);
        var builder = new BridgesBuilder(services, registry);
        builder.AddHostOptions<HomeserverOptions>(HomeserverOptions.SectionName);
        builder.AddHostOptions<ListenerOptions>(ListenerOptions.SectionName);
        builder.AddHostOptions<StorageOptions>(StorageOptions.SectionName);
        builder.AddHostOptions<MetricsOptions>(MetricsOptions.SectionName);
        builder.AddHostOptions<LoggingOptions>(LoggingOptions.SectionName);
        builder.AddHostOptions<ShutdownOptions>(ShutdownOptions.SectionName);
        return builder;
    }

    public IBridgesBuilder AddNetwork(NetworkPlugin plugin)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        if (_registry.Plugins.Any(p => p.Name == plugin.Name))
        {
            throw new InvalidOperationException($"The network {plugin.Name} was added twice.");
        }

        _registry.Plugins.Add(plugin);
        AddNetworkOptions<BridgeInstanceOptions>(plugin.Name);
        AddNetworkOptions<BridgeOptions>(plugin.Name);
        AddNetworkOptions<ProvisioningOptions>(plugin.Name, "provisioning");
        plugin.Configure?.Invoke(this);
        return this;
    }

    public OptionsBuilder<TOptions> AddNetworkOptions<TOptions>(string network, string? subsection = null)
        where TOptions : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(network);
        var section = Configuration.GetSection("bridges").GetSection(network);
        var path = $"bridges.{network}";
        if (subsection is not null)
        {
            section = section.GetSection(YamlConfigurationProvider.NormalizeKey(subsection));
            path += "." + subsection;
        }

        var options = Services.AddOptions<TOptions>(network).Bind(section);
        Services.AddSingleton<IValidateOptions<TOptions>>(new ConfigKeyOptionsValidator<TOptions>(network, path));
        // A disabled bridge is not built, so its options need not be complete (a Telegram section without a token yet).
        if (_registry.IsEnabled(network))
        {
            options.ValidateOnStart();
        }

        return options;
    }

    private void AddHostOptions<TOptions>(string sectionName)
        where TOptions : class
    {
        Services.AddOptions<TOptions>().Bind(Configuration.GetSection(sectionName)).ValidateOnStart();
        Services.AddSingleton<IValidateOptions<TOptions>>(new ConfigKeyOptionsValidator<TOptions>(Options.DefaultName, sectionName));
    }
}
