namespace Bridges.Testing.Homeserver.Model;

/// <summary>
/// The global stream position: every event, typing change, receipt, presence and account data change takes the
/// next one, so a single number serves as the sync and pagination token. Callers hold the homeserver's lock.
/// </summary>
internal sealed class EventStream
{
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long Position { get; private set; }

    /// <summary>Completes at the next advance; long-polling syncs await it.</summary>
    public Task Changed => _changed.Task;

    public long Advance()
    {
        Position++;
        var previous = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        previous.TrySetResult();
        return Position;
    }
}
