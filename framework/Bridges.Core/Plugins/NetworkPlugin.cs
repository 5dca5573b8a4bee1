using Bridges.Core.Network;
using Bridges.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Bridges.Core.Plugins;

/// <summary>A network plugin as the host knows it: its name, how to build its connector, its own migrations.</summary>
/// <param name="Name">The network id and config section under <c>bridges:</c>.</param>
/// <param name="CreateConnector">Builds the connector from its config section (validated before this is called).</param>
/// <param name="Migrations">The plugin's own tables, if it has any.</param>
/// <param name="OptionsType">The plugin's options class (bound from the same section), so <c>check-config</c> knows its keys.</param>
/// <param name="RunsWithoutConfig">Whether the plugin starts with an empty section (no account or token needed), so
/// <c>bridges demo</c> enables it when the config does not mention it.</param>
/// <param name="DemoChat">A remote chat id the demo suggests joining through its alias, when the network has one
/// that works without configuration.</param>
/// <param name="Configure">Run by <see cref="IBridgesBuilder.AddNetwork"/>: registers the plugin's options
/// (<see cref="IBridgesBuilder.AddNetworkOptions{TOptions}"/>) and their validators, so a bad value stops the host at
/// start naming its key instead of failing somewhere inside the connector.</param>
public sealed record NetworkPlugin(string Name, Func<IConfigurationSection, ILoggerFactory, INetworkConnector> CreateConnector,
    IMigrationSource? Migrations = null, Type? OptionsType = null, bool RunsWithoutConfig = true, string? DemoChat = null,
    Action<IBridgesBuilder>? Configure = null);
