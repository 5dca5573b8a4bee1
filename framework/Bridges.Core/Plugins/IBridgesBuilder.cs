using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bridges.Core.Plugins;

/// <summary>
/// What <c>services.AddBridges(configuration)</c> returns: the place where network plugins are added, each through its
/// own extension method (<c>.AddIrc()</c>, <c>.AddTelegram()</c>). It lives in Core so that a plugin needs no reference
/// to the hosting layer; Bridges.Hosting implements it.
/// </summary>
public interface IBridgesBuilder
{
    /// <summary>The application's services.</summary>
    IServiceCollection Services { get; }

    /// <summary>The configuration the bridges are bound to (the whole of it: <c>homeserver</c>, <c>bridges</c>, ...).</summary>
    IConfiguration Configuration { get; }

    /// <summary>
    /// Adds a network: its bridge runs when section <c>bridges:&lt;name&gt;</c> exists and is not disabled. The core's
    /// per-bridge options are bound from that section and validated at start, then <see cref="NetworkPlugin.Configure"/>
    /// runs, so the plugin can add its own options and validators. Adding a second network of the same name throws.
    /// </summary>
    IBridgesBuilder AddNetwork(NetworkPlugin plugin);

    /// <summary>
    /// Binds <typeparamref name="TOptions"/>, named after <paramref name="network"/>, to <c>bridges:&lt;network&gt;</c>
    /// (or its <paramref name="subsection"/>). When that bridge is enabled they are validated at start: their data
    /// annotations (nested option classes and collections included) and every <see cref="IValidateOptions{TOptions}"/>
    /// registered; each failure names its config key (<c>bridges.irc.networks.libera.port: ...</c>).
    /// </summary>
    OptionsBuilder<TOptions> AddNetworkOptions<TOptions>(string network, string? subsection = null)
        where TOptions : class;
}
