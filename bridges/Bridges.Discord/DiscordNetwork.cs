using Bridges.Core.Plugins;
using Bridges.Discord.Bridge;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Bridges.Discord;

/// <summary>The Discord bridge: guilds to spaces, channels to rooms, with a Discord bot relaying for Matrix users through webhooks.</summary>
public static class DiscordNetwork
{
    /// <summary>The plugin, under config section <c>bridges:discord</c> (options: <see cref="DiscordOptions"/>).</summary>
    public static NetworkPlugin Plugin { get; } = new("discord",
        (section, loggers) => new DiscordConnector(section.Get<DiscordOptions>() ?? new DiscordOptions(), loggers),
        OptionsType: typeof(DiscordOptions), RunsWithoutConfig: false, Configure: Configure);

    private static void Configure(IBridgesBuilder builder)
    {
        builder.AddNetworkOptions<DiscordOptions>("discord");
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DiscordOptions>, DiscordOptionsValidator>());
    }
}
