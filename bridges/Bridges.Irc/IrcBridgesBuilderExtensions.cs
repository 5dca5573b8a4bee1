using Bridges.Core.Plugins;

namespace Bridges.Irc;

/// <summary>Adds the IRC bridge to a bridges host.</summary>
public static class IrcBridgesBuilderExtensions
{
    /// <summary>Adds the IRC bridge, configured by section <c>bridges:irc</c> (<see cref="Bridge.IrcOptions"/>).</summary>
    public static IBridgesBuilder AddIrc(this IBridgesBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddNetwork(IrcNetwork.Plugin);
    }
}
