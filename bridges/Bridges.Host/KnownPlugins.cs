using Bridges.Core.Plugins;
using Bridges.Discord;
using Bridges.Echo;
using Bridges.Irc;
using Bridges.Telegram;

namespace Bridges.Host;

/// <summary>
/// The network plugins this build of the host carries, for the commands that need the list (check-config, migrate,
/// the demo); `run` adds the same ones with AddEcho().AddIrc().AddTelegram().AddDiscord(), so keep the two in step.
/// </summary>
internal static class KnownPlugins
{
    public static IReadOnlyList<NetworkPlugin> All { get; } = [EchoNetwork.Plugin, IrcNetwork.Plugin, TelegramNetwork.Plugin, DiscordNetwork.Plugin];
}
