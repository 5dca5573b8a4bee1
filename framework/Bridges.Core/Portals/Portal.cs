using System.Collections.Concurrent;
using System.Threading.Channels;
using Bridges.Core.Database;
using Bridges.Core.Network.Ids;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Portals;

/// <summary>
/// One remote chat and its Matrix room: its stored state plus a single ordered work queue, so every event of
/// the portal, from either side, is handled one at a time in arrival order. Handlers live in their own classes.
/// </summary>
internal sealed class Portal : IAsyncDisposable
{
    private readonly Channel<Func<Task>> _queue = Channel.CreateBounded<Func<Task>>(new BoundedChannelOptions(1024) { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public Portal(PortalRecord record)
    {
        Record = record;
        _loop = Task.Run(RunAsync);
    }

    public PortalKey Key => Record.Key;

    /// <summary>The current stored state; replaced (never mutated) by handlers running on the queue.</summary>
    public PortalRecord Record { get; set; }

    public RoomId? RoomId => Record.RoomId;

    /// <summary>Outgoing sends whose remote echo may arrive before the send returns: echo token → Matrix event.</summary>
    public ConcurrentDictionary<string, EventId> PendingEchoes { get; } = new();

    /// <summary>Runs <paramref name="work"/> on the portal's queue and returns its result; awaiting it is backpressure.</summary>
    public async Task<T> EnqueueAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken ct)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync(async () =>
        {
            try
            {
                done.TrySetResult(await work(_stop.Token).ConfigureAwait(false));
            }
            catch (Exception e)
            {
                done.TrySetException(e);
            }
        }, ct).ConfigureAwait(false);
        return await done.Task.WaitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Events waiting in the queue (for metrics).</summary>
    public int QueueDepth => _queue.Reader.Count;

    /// <summary>Stops taking work, lets what is queued finish for up to <paramref name="timeout"/>, then cancels the rest.</summary>
    public async Task DrainAsync(TimeSpan timeout)
    {
        _queue.Writer.TryComplete();
        try
        {
            await _loop.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Whatever is still queued stays unacknowledged and is delivered again after restart.
        }

        await DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        await foreach (var work in _queue.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
        {
            await work().ConfigureAwait(false);
        }
    }
}
