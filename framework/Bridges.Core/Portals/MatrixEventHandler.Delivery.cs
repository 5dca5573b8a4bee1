using System.Globalization;
using Bridges.Core.Bridge;
using Bridges.Core.Network;
using Microsoft.Extensions.Logging;
using EventId = Bridges.Matrix.Ids.EventId;

namespace Bridges.Core.Portals;

internal sealed partial class MatrixEventHandler
{
    // Kept in the network's key-value namespace (core keys have prefixes plugins do not use), so no table is needed.
    private const string SendingPrefix = "delivery:sending:";

    /// <summary>
    /// A message marked <c>sending</c> by a run that stopped before mapping it: the network is asked whether it got
    /// there. Returns the send's result when it did; null when it must be sent (again).
    /// </summary>
    private async Task<SendResult?> SettleEarlierSendAsync(INetworkClient client, EventId eventId, OutgoingMessage message, CancellationToken ct)
    {
        if (client is not IDeliveryProbe probe
            || await env.Stores.KeyValues.GetAsync(SendingPrefix + eventId.Value, ct).ConfigureAwait(false) is not { } mark
            || !long.TryParse(mark, NumberStyles.Integer, CultureInfo.InvariantCulture, out var since))
        {
            return null;
        }

        var found = await probe.ProbeAsync(message, DateTimeOffset.FromUnixTimeMilliseconds(since), ct).ConfigureAwait(false);
        Log.DeliveryProbed(env.LoggerFactory.CreateLogger<MatrixEventHandler>(), eventId.Value, found.State.ToString());
        return found is { State: DeliveryState.Delivered, Id: { } id } ? new SendResult(id, found.Timestamp) : null;
    }

    // Only where a probe can read the mark: elsewhere a message found unmapped is sent again anyway, and the two
    // writes would cost every message a database round trip for nothing.
    private Task MarkSendingAsync(INetworkClient client, EventId eventId, CancellationToken ct) => client is IDeliveryProbe
        ? env.Stores.KeyValues.SetAsync(SendingPrefix + eventId.Value, env.Time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), ct)
        : Task.CompletedTask;

    private Task ClearSendingAsync(INetworkClient client, EventId eventId, CancellationToken ct) =>
        client is IDeliveryProbe ? env.Stores.KeyValues.SetAsync(SendingPrefix + eventId.Value, null, ct) : Task.CompletedTask;
}
