using Bridges.Core.Plugins;
using Bridges.Echo;
using Bridges.Irc;
using Bridges.Telegram;

namespace Bridges.Host;

/// <summary>The network plugins this build of the host carries.</summary>
internal static class KnownPlugins
{
    public static IReadOnlyList<NetworkPlugin> All { get; } = [EchoNetwork.Plugin, IrcNetwork.Plugin, TelegramNetwork.Plugin];
}
