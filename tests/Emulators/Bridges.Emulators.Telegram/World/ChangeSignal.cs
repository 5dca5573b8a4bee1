namespace Bridges.Emulators.Telegram.World;

/// <summary>
/// Wakes everyone waiting for "something changed". A waiter takes <see cref="Current"/> before checking its
/// condition and awaits it afterwards, so a change between the check and the wait is never missed.
/// </summary>
internal sealed class ChangeSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Current => Volatile.Read(ref _next).Task;

    public void Notify() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously))
            .TrySetResult();

    /// <summary>Waits for the next change; false when <paramref name="timeout"/> passed first.</summary>
    public static async Task<bool> WaitAsync(Task change, TimeSpan timeout, CancellationToken ct)
    {
        if (timeout <= TimeSpan.Zero)
        {
            return change.IsCompleted;
        }

        try
        {
            await change.WaitAsync(timeout, ct);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
