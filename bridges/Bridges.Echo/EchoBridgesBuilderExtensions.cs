using Bridges.Core.Plugins;

namespace Bridges.Echo;

/// <summary>Adds the echo demo network to a bridges host.</summary>
public static class EchoBridgesBuilderExtensions
{
    /// <summary>Adds the echo network under <paramref name="name"/> (config section <c>bridges:&lt;name&gt;</c>).</summary>
    public static IBridgesBuilder AddEcho(this IBridgesBuilder builder, string name = "echo")
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddNetwork(name == "echo" ? EchoNetwork.Plugin : EchoNetwork.CreatePlugin(name));
    }
}
