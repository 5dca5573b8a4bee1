using Bridges.Core.Bridge;
using Bridges.Core.Plugins;
using Bridges.Telegram.Bridge;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Bridges.Telegram;

/// <summary>The Telegram bridge: Telegram groups to Matrix rooms, with a Telegram bot relaying for Matrix users.</summary>
public static class TelegramNetwork
{
    /// <summary>The plugin, under config section <c>bridges:telegram</c> (options: <see cref="TelegramOptions"/>).</summary>
    public static NetworkPlugin Plugin { get; } = new("telegram",
        (section, loggers) => new TelegramConnector(section.Get<TelegramOptions>() ?? new TelegramOptions(), loggers,
            (section.Get<BridgeOptions>() ?? new BridgeOptions()).MaxMediaBytes),
        OptionsType: typeof(TelegramOptions), RunsWithoutConfig: false, Configure: Configure);

    private static void Configure(IBridgesBuilder builder)
    {
        builder.AddNetworkOptions<TelegramOptions>("telegram");
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelegramOptions>, TelegramOptionsValidator>());
    }
}
