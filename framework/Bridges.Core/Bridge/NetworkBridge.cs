using System.Collections.Concurrent;
using Bridges.Core.Backfill;
using Bridges.Core.Commands;
using Bridges.Core.Database;
using Bridges.Core.Ghosts;
using Bridges.Core.Logins;
using Bridges.Core.Media;
using Bridges.Core.Webhooks;
using Bridges.Core.Metrics;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;
using Bridges.Core.Permissions;
using Bridges.Core.Portals;
using Bridges.Matrix.Client;
using Bridges.Matrix.Ids;
using Microsoft.Extensions.Logging;

namespace Bridges.Core.Bridge;

/// <summary>
/// The running bridge for one network: it owns the portals, ghosts, logins and commands, receives Matrix
/// events from the appservice dispatcher and remote events from the plugin, and does everything generic
/// between them, so that a plugin only connects, converts and maps ids.
/// </summary>
public sealed partial class NetworkBridge : IAsyncDisposable
{
    private readonly ConcurrentDictionary<PortalKey, Task<Portal?>> _portals = new();
    private readonly ConcurrentDictionary<RoomId, PortalKey> _portalsByRoom = new();
    private readonly ConcurrentDictionary<UserLoginId, (UserLogin Login, INetworkClient Client)> _clients = new();
    private readonly PermissionResolver _permissions;
    private readonly GhostManager _ghosts;
    private readonly CommandProcessor _commands;
    private readonly ILogger _logger;
    private IReadOnlyList<UserLoginId> _relayLogins = [];

    public NetworkBridge(INetworkConnector connector, AppServiceIntents intents, IBridgeStores stores, BridgeOptions options,
        ILoggerFactory loggerFactory, TimeProvider time)
    {
        Connector = connector;
        Intents = intents;
        Stores = stores;
        Options = options;
        LoggerFactory = loggerFactory;
        Time = time;
        _logger = loggerFactory.CreateLogger<NetworkBridge>();
        _permissions = new PermissionResolver(options.Permissions);
        _ghosts = new GhostManager(intents, stores.Ghosts, options, connector.Descriptor);
        _commands = new CommandProcessor(this);
        Media = new PublicMedia(this, options.PublicMedia);
        Host = new NetworkHost(this);
        Backfill = new BackfillRunner(this);
    }

    /// <summary>The plugin.</summary>
    public INetworkConnector Connector { get; }

    /// <summary>Intents for the bot and the ghosts.</summary>
    public AppServiceIntents Intents { get; }

    /// <summary>The stores of this network.</summary>
    public IBridgeStores Stores { get; }

    /// <summary>The settings.</summary>
    public BridgeOptions Options { get; }

    /// <summary>The network id (e.g. <c>irc</c>).</summary>
    public string Network => Connector.Descriptor.Id;

    internal INetworkHost Host { get; }

    /// <summary>Webhooks plugins register; the host maps their route on the bridge's listener.</summary>
    public WebhookRegistry Webhooks { get; } = new();

    /// <summary>Signed public links to Matrix media; the host maps its endpoint on the bridge's listener.</summary>
    public PublicMedia Media { get; }

    internal ILoggerFactory LoggerFactory { get; }

    internal TimeProvider Time { get; }

    internal GhostManager Ghosts => _ghosts;

    internal BackfillRunner Backfill { get; }

    /// <summary>Rooms where the bot is a creator with infinite power (room version 12 and later), by room.</summary>
    internal ConcurrentDictionary<RoomId, bool> BotIsInfiniteCreator { get; } = new();

    internal CommandProcessor Commands => _commands;

    internal string CommandPrefix => Options.CommandPrefix ?? "!" + Network;

    /// <summary>Starts the plugin and connects every stored login.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        // First what an earlier run left half-sent, while the homeserver still knows its txn ids.
        await DrainOutboxAsync(ct).ConfigureAwait(false);
        await Connector.StartAsync(Host, ct).ConfigureAwait(false);
        var logins = new List<UserLogin>();
        if (Connector is IRelayProvider relays)
        {
            logins.AddRange(relays.RelayLogins.Select(relay => relay with { UserId = Intents.BotUserId }));
            _relayLogins = [.. logins.Select(l => l.Id)];
        }

        // Where each portal stood before any login connects: catch-up goes on from there, whatever arrives live first.
        await Backfill.NoteCatchUpAnchorsAsync(null, ct).ConfigureAwait(false);

        // One login that cannot connect (a network gone from the config, a revoked token) must not stop the others.
        foreach (var login in logins.Concat(await Stores.Logins.ListAsync(ct).ConfigureAwait(false)))
        {
            try
            {
                await ConnectLoginAsync(login, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.LoginConnectFailed(_logger, e, login.Id.Value);
            }
        }

        BridgeMetrics.Observe(Network,
            () => _portals.Values.Where(p => p.IsCompletedSuccessfully && p.Result is not null).Sum(p => (long)p.Result!.QueueDepth),
            () => _clients.Count);
        Log.Started(_logger, Network, _clients.Count);
    }

    /// <summary>
    /// Stops cleanly: portal queues finish what they hold (up to <paramref name="drainTimeout"/> in all), then every
    /// client disconnects (e.g. QUIT on IRC).
    /// </summary>
    public async Task StopAsync(TimeSpan drainTimeout)
    {
        BridgeMetrics.Forget(Network);
        var portals = new List<Portal>();
        foreach (var portal in _portals.Values)
        {
            if (portal.IsCompletedSuccessfully && portal.Result is { } p)
            {
                portals.Add(p);
            }
        }

        _portals.Clear();
        await Task.WhenAll(portals.Select(p => p.DrainAsync(drainTimeout))).ConfigureAwait(false);
        foreach (var (_, (login, client)) in _clients)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await client.DisconnectAsync(timeout.Token).ConfigureAwait(false);
                await client.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                Log.LoginConnectFailed(_logger, e, login.Id.Value);
            }
        }

        _clients.Clear();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);

    /// <summary>
    /// Stops at once, as a killed process would (crash tests): clients are dropped without a clean disconnect, so the
    /// network hears nothing more from this bridge and no push is acknowledged any more, and portal work is cancelled
    /// wherever it stands. Nothing is drained.
    /// </summary>
    public async ValueTask AbortAsync()
    {
        BridgeMetrics.Forget(Network);
        // Cancel all portal work first (disposing cancels before it awaits anything), so nothing still running sees
        // the clients vanish below and, say, tells a room its sender is not logged in.
        var stopping = _portals.Values.Where(p => p.IsCompletedSuccessfully).Select(p => p.Result).OfType<Portal>()
            .Select(p => p.DisposeAsync().AsTask()).ToList();
        foreach (var (_, (login, client)) in _clients)
        {
            try
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                Log.LoginConnectFailed(_logger, e, login.Id.Value);
            }
        }

        _clients.Clear();
        await Task.WhenAll(stopping).ConfigureAwait(false);
    }

    /// <summary>The permission of a Matrix user.</summary>
    public PermissionLevel PermissionOf(UserId user) => _permissions.For(user);

    /// <summary>The ghost user id of a remote user.</summary>
    public UserId GhostUserId(RemoteUserId user) => _ghosts.UserIdFor(user);

    /// <summary>
    /// The Matrix user a mention of <paramref name="user"/> must name: the owner of a login whose own remote account it
    /// is (a Matrix user's puppet, so that user is notified), else the remote user's ghost. Relay logins (the bot) never
    /// count, since they speak for many users.
    /// </summary>
    internal UserId MentionedUserId(RemoteUserId user)
    {
        foreach (var (login, client) in _clients.Values)
        {
            if (login.UserId != Intents.BotUserId && client.IsThisUser(user))
            {
                return login.UserId;
            }
        }

        return GhostUserId(user);
    }

    /// <summary>The Matrix room of a portal, if it exists.</summary>
    public async Task<RoomId?> GetPortalRoomAsync(PortalKey key, CancellationToken ct) =>
        (await Stores.Portals.GetAsync(key, ct).ConfigureAwait(false))?.RoomId;

    internal async Task ConnectLoginAsync(UserLogin login, CancellationToken ct)
    {
        var client = await Connector.LoadLoginAsync(login, ct).ConfigureAwait(false);
        _clients[login.Id] = (login, client);
        await client.ConnectAsync(ct).ConfigureAwait(false);
        await Backfill.ScheduleCatchUpAsync(login, client, ct).ConfigureAwait(false);
    }

    internal async Task DisconnectLoginAsync(UserLoginId id, CancellationToken ct)
    {
        if (_clients.TryRemove(id, out var entry))
        {
            await entry.Client.DisconnectAsync(ct).ConfigureAwait(false);
            await entry.Client.DisposeAsync().ConfigureAwait(false);
        }
    }

    internal INetworkClient? ClientFor(UserLoginId id) => _clients.TryGetValue(id, out var entry) ? entry.Client : null;

    internal UserLogin? LoginFor(UserLoginId id) => _clients.TryGetValue(id, out var entry) ? entry.Login : null;

    internal IEnumerable<(UserLogin Login, INetworkClient Client)> ConnectedLogins => _clients.Values;

    /// <summary>The login that relays in a portal: its own relay, else the one the plugin names.</summary>
    internal UserLoginId? RelayFor(PortalRecord portal) =>
        portal.RelayLogin ?? (Connector as IRelayProvider)?.RelayLoginFor(portal.Key);

    /// <summary>The plugin's bridge-wide relay logins.</summary>
    internal IReadOnlyList<UserLoginId> RelayLogins => _relayLogins;

    /// <summary>Any client able to answer questions about a portal: its receiver, its relay, or any connected login.</summary>
    internal INetworkClient? AnyClientFor(PortalRecord portal) =>
        (portal.Key.Receiver is { } r ? ClientFor(r) : null)
        ?? (RelayFor(portal) is { } relay ? ClientFor(relay) : null)
        ?? _clients.Values.Select(c => c.Client).FirstOrDefault();

    /// <summary>Loads a portal; creates the row (not the room) when <paramref name="create"/> is set.</summary>
    internal Task<Portal?> GetPortalAsync(PortalKey key, bool create, CancellationToken ct)
    {
        if (_portals.TryGetValue(key, out var existing) && (existing.IsCompletedSuccessfully && existing.Result is not null || !create))
        {
            return existing;
        }

        return _portals.AddOrUpdate(key, k => LoadPortalAsync(k, create, ct), (k, old) => old.IsCompletedSuccessfully && old.Result is not null ? old : LoadPortalAsync(k, create, ct));
    }

    internal async Task<Portal?> GetPortalByRoomAsync(RoomId room, CancellationToken ct)
    {
        if (_portalsByRoom.TryGetValue(room, out var key))
        {
            return await GetPortalAsync(key, create: false, ct).ConfigureAwait(false);
        }

        var record = await Stores.Portals.GetByRoomAsync(room, ct).ConfigureAwait(false);
        return record is null ? null : await GetPortalAsync(record.Key, create: false, ct).ConfigureAwait(false);
    }

    internal void IndexRoom(Portal portal)
    {
        if (portal.RoomId is { } room)
        {
            _portalsByRoom[room] = portal.Key;
        }
    }

    internal void ForgetPortal(PortalKey key, RoomId? room)
    {
        _portals.TryRemove(key, out _);
        if (room is { } r)
        {
            _portalsByRoom.TryRemove(r, out _);
        }
    }

    private async Task<Portal?> LoadPortalAsync(PortalKey key, bool create, CancellationToken ct)
    {
        var record = await Stores.Portals.GetAsync(key, ct).ConfigureAwait(false);
        if (record is null)
        {
            if (!create)
            {
                return null;
            }

            record = new PortalRecord { Key = key };
            await Stores.Portals.UpsertAsync(record, ct).ConfigureAwait(false);
        }

        var portal = new Portal(record, Options.PortalQueueCapacity);
        IndexRoom(portal);
        return portal;
    }
}
