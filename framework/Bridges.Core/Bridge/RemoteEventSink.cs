using System.Collections.Concurrent;
using Bridges.Core.Backfill;
using Bridges.Core.Logins;
using Bridges.Core.Metrics;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;
using Bridges.Core.Portals;
using Bridges.Matrix.Ids;
using Microsoft.Extensions.Logging;

namespace Bridges.Core.Bridge;

/// <summary>
/// Where the plugin's remote events arrive: each is admitted to its portal's bounded queue in the order it was pushed
/// and bridged there, so portals run in parallel and each in order. Fetched history takes the same path.
/// </summary>
internal sealed class RemoteEventSink : IRemoteEventSink, IBackfillTarget
{
    // One admission gate per portal key: pushes of a portal reach its queue in the order they were made, even while
    // the first one still waits for the portal to load or for room.
    private readonly ConcurrentDictionary<PortalKey, SemaphoreSlim> _admissions = new();
    private readonly BridgeContext _env;
    private readonly PortalRegistry _portals;
    private readonly LoginRegistry _logins;
    private readonly RemoteEventServices _services;
    private readonly ILogger _logger;

    public RemoteEventSink(BridgeContext env, PortalRegistry portals, LoginRegistry logins, PortalRoomService rooms, DoublePuppeting puppets, ReceiptEchoes receipts)
    {
        _env = env;
        _portals = portals;
        _logins = logins;
        _logger = env.LoggerFactory.CreateLogger<NetworkBridge>();
        // Backfill bridges through this sink, and the remote path starts a backfill when it creates a room.
        Backfill = new BackfillRunner(env, portals, logins, this);
        _services = new RemoteEventServices(env, portals, logins, rooms, puppets, receipts, Backfill, new ConcurrentDictionary<string, MxcUri>(),
            new ConcurrentDictionary<string, MxcUri>());
    }

    public BackfillRunner Backfill { get; }

    /// <inheritdoc />
    public async ValueTask<PushReceipt> PushAsync(RemoteEvent evt, CancellationToken ct)
    {
        // Inside portal work (a send that pushes a reply) waiting on the gate could wait on this very work.
        var gate = Portal.InsideWork ? null : _admissions.GetOrAdd(evt.Portal, _ => new SemaphoreSlim(1, 1));
        if (gate is not null)
        {
            await gate.WaitAsync(ct).ConfigureAwait(false);
        }

        try
        {
            var portal = await _portals.GetAsync(evt.Portal, evt.CreatesPortal, ct).ConfigureAwait(false);
            if (portal is null)
            {
                return PushReceipt.Ignored;
            }

            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var bridged = await portal.QueueAsync(token => HandleAsync(portal, evt, started, token), ct).ConfigureAwait(false);
            return new PushReceipt(bridged);
        }
        finally
        {
            gate?.Release();
        }
    }

    /// <inheritdoc />
    public Task<RemoteEventResult> BridgeBackfilledAsync(Portal portal, RemoteMessage message, CancellationToken ct) =>
        new RemoteEventHandler(_services, portal, backfill: true).HandleAsync(message, ct);

    /// <summary>Fetches chat info and members again and applies them to the room, in order with the chat's events.</summary>
    public async Task ResyncAsync(PortalKey key, CancellationToken ct)
    {
        var portal = await _portals.GetAsync(key, create: false, ct).ConfigureAwait(false) ?? throw new InvalidOperationException($"No portal {key}.");
        var client = _logins.AnyClientFor(portal.Record) ?? throw new InvalidOperationException("No connected login can see this chat.");
        var info = await client.GetChatInfoAsync(key, ct).ConfigureAwait(false);
        await this.PushAndWaitAsync(new RemoteChatInfoChanged(key, new EventSender(new RemoteUserId(string.Empty)), _env.Time.GetUtcNow(), info), ct).ConfigureAwait(false);
    }

    private async Task<RemoteEventResult> HandleAsync(Portal portal, RemoteEvent evt, long started, CancellationToken token)
    {
        using var scope = _logger.BeginScope(new Dictionary<string, object> { ["PortalKey"] = portal.Key.ToString(), ["Network"] = _env.Network });
        try
        {
            var result = await new RemoteEventHandler(_services, portal).HandleAsync(evt, token).ConfigureAwait(false);
            if (result == RemoteEventResult.Bridged)
            {
                BridgeMetrics.RecordBridged(_env.Network, BridgeMetrics.ToMatrix, evt.GetType().Name, started);
            }

            return result;
        }
        catch (Exception e) when (e is not OperationCanceledException && !token.IsCancellationRequested)
        {
            Log.RemoteEventFailed(_logger, e, portal.Key.ToString());
            BridgeMetrics.RecordFailed(_env.Network, BridgeMetrics.ToMatrix);
            await new FailureNotices(_env).RemoteFailedAsync(portal, evt, e, token).ConfigureAwait(false);
            return RemoteEventResult.Failed;
        }
    }
}
