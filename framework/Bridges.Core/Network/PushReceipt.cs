namespace Bridges.Core.Network;

/// <summary>A remote event on its portal's queue: <see cref="Bridged"/> completes with what became of it.</summary>
/// <param name="Bridged">Completes once the event is bridged, deduplicated, ignored or failed (the room was told).</param>
public sealed record PushReceipt(Task<RemoteEventResult> Bridged)
{
    /// <summary>An event with no portal to go to (it may not create one): nothing was queued.</summary>
    public static PushReceipt Ignored { get; } = new(Task.FromResult(RemoteEventResult.Ignored));
}
