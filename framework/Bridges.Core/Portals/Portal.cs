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
    // The portal work running on this flow, if any: work queued from inside it never waits for room, since the room
    // it would wait for is freed only by the work that is waiting.
    private static readonly AsyncLocal<WorkScope?> CurrentWork = new();

    private readonly Channel<QueuedWork> _queue = Channel.CreateUnbounded<QueuedWork>(new UnboundedChannelOptions { SingleReader = true });
    // Queued work waiting to run, beyond which QueueAsync waits (backpressure).
    private readonly SemaphoreSlim _room;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public Portal(PortalRecord record, int capacity = 1024)
    {
        Record = record;
        _room = new SemaphoreSlim(capacity, capacity);
        _loop = Task.Run(RunAsync);
    }

    public PortalKey Key => Record.Key;

    /// <summary>The current stored state; replaced (never mutated) by handlers running on the queue.</summary>
    public PortalRecord Record { get; set; }

    public RoomId? RoomId => Record.RoomId;

    /// <summary>Outgoing sends whose remote echo may arrive before the send returns: echo token → Matrix event.</summary>
    public ConcurrentDictionary<string, EventId> PendingEchoes { get; } = new();

    /// <summary>True on a flow that runs inside some portal's work (a handler, a send, what they started meanwhile).</summary>
    public static bool InsideWork => CurrentWork.Value is { Running: true };

    /// <summary>
    /// Puts <paramref name="work"/> on the queue and returns once it is there, with the task of its result. While
    /// the capacity's worth of items wait this waits for room, except inside portal work. Work still queued when the
    /// portal stops is cancelled, never left pending.
    /// </summary>
    public async Task<Task<T>> QueueAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken ct)
    {
        var holdsRoom = !InsideWork;
        if (holdsRoom)
        {
            await _room.WaitAsync(ct).ConfigureAwait(false);
        }

        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var item = new QueuedWork(async () =>
        {
            try
            {
                var result = await work(_stop.Token).ConfigureAwait(false);
                // Stopped under it (a kill): whatever it reports may be a failure of the stop itself (a closed database,
                // a disposed client), so it counts as not done and comes again after the restart, deduplicated then.
                if (_stop.IsCancellationRequested)
                {
                    done.TrySetCanceled(_stop.Token);
                }
                else
                {
                    done.TrySetResult(result);
                }
            }
            catch (OperationCanceledException e)
            {
                done.TrySetCanceled(e.CancellationToken);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                done.TrySetCanceled(_stop.Token);
            }
            catch (Exception e)
            {
                done.TrySetException(e);
            }
        }, () => done.TrySetCanceled(), holdsRoom);
        if (!_queue.Writer.TryWrite(item))
        {
            if (holdsRoom)
            {
                _room.Release();
            }

            done.TrySetCanceled();
        }

        return done.Task;
    }

    /// <summary>Runs <paramref name="work"/> on the portal's queue and returns its result; awaiting it is backpressure.</summary>
    public async Task<T> EnqueueAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken ct)
    {
        var result = await QueueAsync(work, ct).ConfigureAwait(false);
        return await result.WaitAsync(ct).ConfigureAwait(false);
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

        // What never ran is cancelled: a caller awaiting it must not wait forever.
        while (_queue.Reader.TryRead(out var left))
        {
            left.Abandon();
        }

        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        await foreach (var item in _queue.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
        {
            if (item.HoldsRoom)
            {
                _room.Release();
            }

            var scope = new WorkScope();
            CurrentWork.Value = scope;
            try
            {
                await item.Run().ConfigureAwait(false);
            }
            finally
            {
                scope.Running = false;
                CurrentWork.Value = null;
            }
        }
    }

    private sealed record QueuedWork(Func<Task> Run, Action Abandon, bool HoldsRoom);

    /// <summary>Flows into everything the work starts; once the work ends, what it started no longer counts as inside.</summary>
    private sealed class WorkScope
    {
        public volatile bool Running = true;
    }
}
