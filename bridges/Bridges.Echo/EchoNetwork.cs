using Bridges.Core.Plugins;

namespace Bridges.Echo;

/// <summary>The echo demo network: every room <c>#echo_&lt;name&gt;</c> has a bot that repeats what it is told.</summary>
public static class EchoNetwork
{
    /// <summary>The plugin, under config section <c>bridges:echo</c>.</summary>
    public static NetworkPlugin Plugin { get; } = CreatePlugin("echo");

    /// <summary>An echo plugin under another name (to run several in one host, as tests of the host do).</summary>
    public static NetworkPlugin CreatePlugin(string name) => new(name, (_, _) => new EchoConnector(name), DemoChat: "lobby");
}
