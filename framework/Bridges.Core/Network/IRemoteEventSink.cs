namespace Bridges.Core.Network;

/// <summary>Where a plugin pushes what happened on the network; the core owns everything after this call.</summary>
public interface IRemoteEventSink
{
    /// <summary>
    /// Puts the event on its portal's queue and completes once it is there: pushes of one portal are queued in the
    /// order they were made, and awaiting this is the backpressure (it waits while the portal's queue is full).
    /// Portals run in parallel, each in order. The receipt's <see cref="PushReceipt.Bridged"/> completes once the
    /// event is bridged (or deduplicated); await it only where a cursor advances (a Telegram offset, an IMAP UID, a
    /// gateway sequence). A push from inside a send or any other portal work never waits for room, so it cannot
    /// deadlock on its own queue.
    /// </summary>
    ValueTask<PushReceipt> PushAsync(RemoteEvent evt, CancellationToken ct);
}
