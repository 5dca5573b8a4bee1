using Bridges.Core.Metrics;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;
using Bridges.Core.Portals;

namespace Bridges.Core.Bridge;

public sealed partial class NetworkBridge : IRemoteEventSink
{
    // One admission gate per portal key: pushes of a portal reach its queue in the order they were made, even while
    // the first one still waits for the portal to load or for room.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<PortalKey, SemaphoreSlim> _admissions = new();

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
            var portal = await GetPortalAsync(evt.Portal, evt.CreatesPortal, ct).ConfigureAwait(false);
            if (portal is null)
            {
                return PushReceipt.Ignored;
            }

            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var bridged = await portal.QueueAsync(token => HandleRemoteAsync(portal, evt, started, token), ct).ConfigureAwait(false);
            return new PushReceipt(bridged);
        }
        finally
        {
            gate?.Release();
        }
    }

    private async Task<RemoteEventResult> HandleRemoteAsync(Portal portal, RemoteEvent evt, long started, CancellationToken token)
    {
        using var scope = _logger.BeginScope(new Dictionary<string, object> { ["PortalKey"] = portal.Key.ToString(), ["Network"] = Network });
        try
        {
            var result = await new RemoteEventHandler(this, portal).HandleAsync(evt, token).ConfigureAwait(false);
            if (result == RemoteEventResult.Bridged)
            {
                BridgeMetrics.RecordBridged(Network, BridgeMetrics.ToMatrix, evt.GetType().Name, started);
            }

            return result;
        }
        catch (Exception e) when (e is not OperationCanceledException && !token.IsCancellationRequested)
        {
            Log.RemoteEventFailed(_logger, e, portal.Key.ToString());
            BridgeMetrics.RecordFailed(Network, BridgeMetrics.ToMatrix);
            await new FailureNotices(this).RemoteFailedAsync(portal, evt, e, token).ConfigureAwait(false);
            return RemoteEventResult.Failed;
        }
    }
}
