using Bridges.Core.Database;
using Bridges.Core.Ghosts;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;
using Bridges.Core.Permissions;
using Bridges.Matrix.Client;
using Bridges.Matrix.Ids;
using Microsoft.Extensions.Logging;

namespace Bridges.Core.Bridge;

/// <summary>
/// What every part of one network's bridge works in: the plugin, the Matrix identities, the stores, the settings,
/// logging and time, plus the two answers everything asks (who is this ghost, what may this user do). It holds no
/// portals, logins or rooms: those are the services built on it.
/// </summary>
internal sealed class BridgeContext
{
    private readonly PermissionResolver _permissions;

    public BridgeContext(INetworkConnector connector, AppServiceIntents intents, IBridgeStores stores, BridgeOptions options,
        ILoggerFactory loggerFactory, TimeProvider time)
    {
        Connector = connector;
        Intents = intents;
        Stores = stores;
        Options = options;
        LoggerFactory = loggerFactory;
        Time = time;
        _permissions = new PermissionResolver(options.Permissions);
        Ghosts = new GhostManager(intents, stores.Ghosts, options, connector.Descriptor);
    }

    public INetworkConnector Connector { get; }

    public AppServiceIntents Intents { get; }

    public IBridgeStores Stores { get; }

    public BridgeOptions Options { get; }

    public ILoggerFactory LoggerFactory { get; }

    public TimeProvider Time { get; }

    public GhostManager Ghosts { get; }

    /// <summary>The network id (e.g. <c>irc</c>).</summary>
    public string Network => Connector.Descriptor.Id;

    /// <summary>The network's name as users read it (e.g. <c>IRC</c>).</summary>
    public string NetworkName => Connector.Descriptor.DisplayName;

    public string CommandPrefix => Options.CommandPrefix ?? "!" + Network;

    public PermissionLevel PermissionOf(UserId user) => _permissions.For(user);

    public UserId GhostUserId(RemoteUserId user) => Ghosts.UserIdFor(user);

    /// <summary>What <paramref name="client"/> can carry in <paramref name="portal"/>: per chat where it says, else the network's.</summary>
    public NetworkCapabilities CapabilitiesOf(INetworkClient client, PortalKey portal) =>
        client is IChatCapabilities chat ? chat.CapabilitiesFor(portal) : Connector.Capabilities;
}
