using Bridges.Core.Plugins;

namespace Bridges.Discord;

/// <summary>Adds the Discord bridge to a bridges host.</summary>
public static class DiscordBridgesBuilderExtensions
{
    /// <summary>Adds the Discord bridge, configured by section <c>bridges:discord</c> (<see cref="DiscordOptions"/>).</summary>
    public static IBridgesBuilder AddDiscord(this IBridgesBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddNetwork(DiscordNetwork.Plugin);
    }
}
