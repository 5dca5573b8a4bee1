namespace Bridges.Core.Network;

/// <summary>Where a plugin pushes what happened on the network; the core owns everything after this call.</summary>
public interface IRemoteEventSink
{
    /// <summary>
    /// Queues the event on its portal and completes once it is bridged (or deduplicated), so a plugin can advance
    /// its own cursor (Telegram offset, IMAP UID) only after the event is safe. Awaiting it is the backpressure.
    /// </summary>
    ValueTask<RemoteEventResult> PushAsync(RemoteEvent evt, CancellationToken ct);
}
