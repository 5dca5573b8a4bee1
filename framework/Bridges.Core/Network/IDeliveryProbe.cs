namespace Bridges.Core.Network;

/// <summary>
/// Optional on a client: answers whether a message the bridge was sending when it stopped reached the network. The
/// core marks a Matrix message <c>sending</c> before the network call and clears the mark once it is mapped; a mark
/// found when the event comes again after a crash is settled here instead of by sending again. Without a probe (or
/// when it answers <see cref="DeliveryState.Unknown"/>) the message is sent again: at least once, never lost.
/// </summary>
public interface IDeliveryProbe
{
    /// <summary>
    /// Looks for <paramref name="message"/> (its portal, its <see cref="OutgoingMessage.EchoToken"/>, or for a network
    /// that carries no token, its content) as sent since <paramref name="since"/>.
    /// </summary>
    Task<DeliveryProbeResult> ProbeAsync(OutgoingMessage message, DateTimeOffset since, CancellationToken ct);
}
