using Bridges.Core.Plugins;
using Bridges.Irc.Bridge;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Bridges.Irc;

/// <summary>The IRC bridge: Matrix rooms to IRC channels on one or more networks, with a relay bot per network and a puppet per Matrix user.</summary>
public static class IrcNetwork
{
    /// <summary>The plugin, under config section <c>bridges:irc</c> (options: <see cref="IrcOptions"/>).</summary>
    public static NetworkPlugin Plugin { get; } = new("irc",
        (section, loggers) => new IrcConnector(section.Get<IrcOptions>() ?? new IrcOptions(), loggers),
        OptionsType: typeof(IrcOptions), Configure: Configure);

    private static void Configure(IBridgesBuilder builder)
    {
        builder.AddNetworkOptions<IrcOptions>("irc");
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IrcOptions>, IrcOptionsValidator>());
    }
}
