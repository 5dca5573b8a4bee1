using Bridges.Core.Network;

namespace Bridges.Loopback;

internal sealed partial class LoopbackClient : IDeliveryProbe
{
    public Task<DeliveryProbeResult> ProbeAsync(OutgoingMessage message, DateTimeOffset since, CancellationToken ct)
    {
        network.CountProbe();
        if (!network.ProbeDeliveries)
        {
            return Task.FromResult(new DeliveryProbeResult(DeliveryState.Unknown));
        }

        return Task.FromResult(network.TryFindSent(message.EchoToken) is { } id
            ? new DeliveryProbeResult(DeliveryState.Delivered, id)
            : new DeliveryProbeResult(DeliveryState.NotDelivered));
    }

    // The network took the message but its answer never comes (a crash between the two), until the send is cancelled.
    private static async Task<SendResult> HangAsync(CancellationToken ct)
    {
        await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
        throw new OperationCanceledException(ct);
    }
}
