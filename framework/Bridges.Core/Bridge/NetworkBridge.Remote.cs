using Bridges.Core.Metrics;
using Bridges.Core.Network;
using Bridges.Core.Portals;

namespace Bridges.Core.Bridge;

public sealed partial class NetworkBridge : IRemoteEventSink
{
    /// <inheritdoc />
    /// <remarks>Do not await this from inside a send call of the same portal: that would wait on its own queue.</remarks>
    public async ValueTask<RemoteEventResult> PushAsync(RemoteEvent evt, CancellationToken ct)
    {
        var portal = await GetPortalAsync(evt.Portal, evt.CreatesPortal, ct).ConfigureAwait(false);
        if (portal is null)
        {
            return RemoteEventResult.Ignored;
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        return await portal.EnqueueAsync(async token =>
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
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.RemoteEventFailed(_logger, e, portal.Key.ToString());
                BridgeMetrics.RecordFailed(Network, BridgeMetrics.ToMatrix);
                await new FailureNotices(this).RemoteFailedAsync(portal, evt, e, token).ConfigureAwait(false);
                return RemoteEventResult.Failed;
            }
        }, ct).ConfigureAwait(false);
    }
}
