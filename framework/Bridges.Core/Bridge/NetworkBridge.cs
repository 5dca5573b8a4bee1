using Bridges.Core.Backfill;
using Bridges.Core.Commands;
using Bridges.Core.Database;
using Bridges.Core.Inbox;
using Bridges.Core.Logins;
using Bridges.Core.Media;
using Bridges.Core.Metrics;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;
using Bridges.Core.Permissions;
using Bridges.Core.Portals;
using Bridges.Core.Webhooks;
using Bridges.Matrix.AppService;
using Bridges.Matrix.Client;
using Bridges.Matrix.Ids;
using Microsoft.Extensions.Logging;

namespace Bridges.Core.Bridge;

/// <summary>
/// The running bridge for one network. It composes the services that do the work (portal registry, login registry
/// and login lifecycle, portal rooms, the remote event sink, the Matrix event router, double puppeting, backfill,
/// commands) and runs their lifecycle: start, graceful stop, abort. It does no bridging itself.
/// </summary>
public sealed class NetworkBridge : IAsyncDisposable
{
    private readonly ILogger _logger;
    private readonly OutboxDrainer _outbox;
    private readonly AppServiceQueries _queries;

    public NetworkBridge(INetworkConnector connector, AppServiceIntents intents, IBridgeStores stores, BridgeOptions options,
        ILoggerFactory loggerFactory, TimeProvider time)
    {
        Env = new BridgeContext(connector, intents, stores, options, loggerFactory, time);
        _logger = loggerFactory.CreateLogger<NetworkBridge>();
        Portals = new PortalRegistry(Env);
        Logins = new LoginRegistry(Env);
        Puppets = new DoublePuppeting(Env, Logins);
        Rooms = new PortalRoomService(Env, Portals, Logins);
        var receipts = new ReceiptEchoes(time);
        Sink = new RemoteEventSink(Env, Portals, Logins, Rooms, Puppets, receipts);
        LoginService = new LoginService(Env, Logins, Sink.Backfill);
        Notices = new UserNotices(Env);
        Media = new PublicMedia(Env, options.PublicMedia);
        Commands = new CommandProcessor(Env, Portals, Logins, LoginService, Rooms, Puppets, Notices, Sink);
        var matrix = new MatrixEventServices(Env, Logins, LoginService, new RoomMemberCache(intents), receipts, Media);
        MatrixEvents = new MatrixEventRouter(Env, Portals, Logins, Commands, matrix);
        _queries = new AppServiceQueries(Env, Portals, Logins, Rooms, Sink.Backfill);
        _outbox = new OutboxDrainer(Env, Puppets);
        Host = new NetworkHost(Env, Sink, Commands, Media, Webhooks, Notices);
    }

    /// <summary>The plugin.</summary>
    public INetworkConnector Connector => Env.Connector;

    /// <summary>Intents for the bot and the ghosts.</summary>
    public AppServiceIntents Intents => Env.Intents;

    /// <summary>The stores of this network.</summary>
    public IBridgeStores Stores => Env.Stores;

    /// <summary>The settings.</summary>
    public BridgeOptions Options => Env.Options;

    /// <summary>The network id (e.g. <c>irc</c>).</summary>
    public string Network => Env.Network;

    /// <summary>Webhooks plugins register; the host maps their route on the bridge's listener.</summary>
    public WebhookRegistry Webhooks { get; } = new();

    /// <summary>Signed public links to Matrix media; the host maps its endpoint on the bridge's listener.</summary>
    public PublicMedia Media { get; }

    /// <summary>Matrix events from the appservice dispatcher go here.</summary>
    public IMatrixEventHandler MatrixEvents { get; }

    /// <summary>The homeserver's user and alias queries go here.</summary>
    public IAppServiceQueryHandler Queries => _queries;

    internal BridgeContext Env { get; }

    internal PortalRegistry Portals { get; }

    internal LoginRegistry Logins { get; }

    internal LoginService LoginService { get; }

    internal PortalRoomService Rooms { get; }

    internal RemoteEventSink Sink { get; }

    internal BackfillRunner Backfill => Sink.Backfill;

    internal DoublePuppeting Puppets { get; }

    internal UserNotices Notices { get; }

    internal CommandProcessor Commands { get; }

    internal INetworkHost Host { get; }

    /// <summary>Starts the plugin and connects every stored login.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        // First what an earlier run left half-sent, while the homeserver still knows its txn ids.
        await _outbox.DrainAsync(ct).ConfigureAwait(false);
        await Connector.StartAsync(Host, ct).ConfigureAwait(false);
        var logins = new List<UserLogin>();
        if (Connector is IRelayProvider relays)
        {
            logins.AddRange(relays.RelayLogins.Select(relay => relay with { UserId = Intents.BotUserId }));
            Logins.RelayLogins = [.. logins.Select(l => l.Id)];
        }

        // Where each portal stood before any login connects: catch-up goes on from there, whatever arrives live first.
        await Backfill.NoteCatchUpAnchorsAsync(null, ct).ConfigureAwait(false);

        // One login that cannot connect (a network gone from the config, a revoked token) must not stop the others.
        foreach (var login in logins.Concat(await Stores.Logins.ListAsync(ct).ConfigureAwait(false)))
        {
            try
            {
                await LoginService.ConnectAsync(login, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.LoginConnectFailed(_logger, e, login.Id.Value);
            }
        }

        BridgeMetrics.Observe(Network, () => Portals.QueueDepth, () => Logins.Count);
        Log.Started(_logger, Network, Logins.Count);
    }

    /// <summary>
    /// Stops cleanly: portal queues finish what they hold (up to <paramref name="drainTimeout"/> in all), then every
    /// client disconnects (e.g. QUIT on IRC).
    /// </summary>
    public async Task StopAsync(TimeSpan drainTimeout)
    {
        BridgeMetrics.Forget(Network);
        await Task.WhenAll(Portals.Clear().Select(p => p.DrainAsync(drainTimeout))).ConfigureAwait(false);
        foreach (var (login, client) in Logins.Clear())
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
        var stopping = Portals.Loaded.Select(p => p.DisposeAsync().AsTask()).ToList();
        foreach (var (login, client) in Logins.Clear())
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

        await Task.WhenAll(stopping).ConfigureAwait(false);
    }

    /// <summary>The permission of a Matrix user.</summary>
    public PermissionLevel PermissionOf(UserId user) => Env.PermissionOf(user);

    /// <summary>The ghost user id of a remote user.</summary>
    public UserId GhostUserId(RemoteUserId user) => Env.GhostUserId(user);

    /// <summary>The Matrix room of a portal, if it exists.</summary>
    public Task<RoomId?> GetPortalRoomAsync(PortalKey key, CancellationToken ct) => Portals.GetRoomAsync(key, ct);

    /// <summary>The alias localpart of a portal's dynamic room.</summary>
    public string AliasLocalpartFor(PortalId id) => _queries.AliasLocalpartFor(id);

    /// <summary>Finds a chat by what a user typed, through one of the user's logins (or the relay when they have none).</summary>
    public Task<PortalKey?> ResolveIdentifierAsync(UserId user, string identifier, CancellationToken ct) => Logins.ResolveIdentifierAsync(user, identifier, ct);

    /// <summary>Bridges an existing Matrix room (the bot must be invited) to a remote chat; fails when the chat is bridged elsewhere.</summary>
    public Task BridgeRoomAsync(RoomId room, PortalKey key, CancellationToken ct) => Rooms.BridgeExistingAsync(room, key, ct);

    /// <summary>Disconnects a room from its remote chat: the bridge state is cleared, the portal forgotten, the bot leaves.</summary>
    public Task<bool> UnbridgeRoomAsync(RoomId room, CancellationToken ct) => Rooms.UnbridgeAsync(room, ct);

    /// <summary>Fetches chat info and members again and applies them to the room.</summary>
    public Task SyncPortalAsync(PortalKey key, CancellationToken ct) => Sink.ResyncAsync(key, ct);
}
