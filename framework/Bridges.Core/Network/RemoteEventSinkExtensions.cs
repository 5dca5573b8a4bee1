namespace Bridges.Core.Network;

/// <summary>Helpers over <see cref="IRemoteEventSink"/>.</summary>
public static class RemoteEventSinkExtensions
{
    /// <summary>Pushes and waits until the event is bridged: for a plugin that advances a cursor after each event.</summary>
    public static async Task<RemoteEventResult> PushAndWaitAsync(this IRemoteEventSink sink, RemoteEvent evt, CancellationToken ct)
    {
        var receipt = await sink.PushAsync(evt, ct).ConfigureAwait(false);
        return await receipt.Bridged.WaitAsync(ct).ConfigureAwait(false);
    }
}
