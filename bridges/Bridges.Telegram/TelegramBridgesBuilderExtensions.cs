using Bridges.Core.Plugins;

namespace Bridges.Telegram;

/// <summary>Adds the Telegram bridge to a bridges host.</summary>
public static class TelegramBridgesBuilderExtensions
{
    /// <summary>Adds the Telegram bridge, configured by section <c>bridges:telegram</c> (<see cref="TelegramOptions"/>).</summary>
    public static IBridgesBuilder AddTelegram(this IBridgesBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddNetwork(TelegramNetwork.Plugin);
    }
}
