namespace Bridges.Irc.Client;

/// <summary>
/// Outgoing lines of one connection, in two lanes: <em>priority</em> (registration, PONG, keepalive, rejoin —
/// belongs to the current session, dropped with it) and <em>normal</em> (everything a caller sends: kept across
/// reconnects, released only once the session is registered). Order within a lane is kept and nothing is
/// dropped silently: a line that can no longer be sent has its <see cref="IrcOutgoingLine.Written"/> faulted.
/// </summary>
internal sealed class IrcSendQueue
{
    private readonly Lock _lock = new();
    private readonly Queue<IrcOutgoingLine> _priority = new();
    private readonly Queue<IrcOutgoingLine> _normal = new();
    private TaskCompletionSource? _waiter;
    private bool _normalOpen;
    private Exception? _closed;
    private int _highWater;

    public int Count
    {
        get { lock (_lock) { return _priority.Count + _normal.Count; } }
    }

    public void Enqueue(IrcOutgoingLine line, bool priority) => EnqueueRange([line], priority);

    /// <summary>Adds lines contiguously (a multiline batch must not be interleaved with other lines).</summary>
    public void EnqueueRange(IReadOnlyList<IrcOutgoingLine> lines, bool priority)
    {
        ArgumentNullException.ThrowIfNull(lines);
        TaskCompletionSource? wake;
        lock (_lock)
        {
            if (_closed is not null)
            {
                foreach (var l in lines)
                {
                    l.Written.TrySetException(_closed);
                }

                return;
            }

            var q = priority ? _priority : _normal;
            foreach (var l in lines)
            {
                q.Enqueue(l);
            }

            _highWater = Math.Max(_highWater, _normal.Count);
            wake = TakeWaiterIfReady();
        }

        wake?.TrySetResult();
    }

    /// <summary>Lets normal lines flow (session registered) or holds them (between sessions).</summary>
    public void SetNormalOpen(bool open)
    {
        TaskCompletionSource? wake;
        lock (_lock)
        {
            _normalOpen = open;
            wake = TakeWaiterIfReady();
        }

        wake?.TrySetResult();
    }

    /// <summary>Completes when a line can be dequeued.</summary>
    public Task WaitAsync(CancellationToken ct)
    {
        lock (_lock)
        {
            if (HasReady())
            {
                return Task.CompletedTask;
            }

            _waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _waiter.Task.WaitAsync(ct);
        }
    }

    public bool TryDequeue(out IrcOutgoingLine? line)
    {
        lock (_lock)
        {
            if (_priority.TryDequeue(out line))
            {
                return true;
            }

            if (_normalOpen && _normal.TryDequeue(out line))
            {
                if (_normal.Count == 0 && _highWater > 32)
                {
                    // Give back the array a burst grew, so an idle connection stays small.
                    _normal.TrimExcess();
                    _highWater = 0;
                }

                return true;
            }

            line = null;
            return false;
        }
    }

    /// <summary>Fails and removes the priority lane (its lines belong to a session that ended).</summary>
    public void DropPriority(Exception reason)
    {
        List<IrcOutgoingLine> dropped;
        lock (_lock)
        {
            dropped = [.. _priority];
            _priority.Clear();
            _priority.TrimExcess();
        }

        foreach (var l in dropped)
        {
            l.Written.TrySetException(reason);
        }
    }

    /// <summary>Fails everything queued and refuses further lines (disposal).</summary>
    public void Close(Exception reason)
    {
        List<IrcOutgoingLine> dropped;
        TaskCompletionSource? waiter;
        lock (_lock)
        {
            _closed = reason;
            dropped = [.. _priority, .. _normal];
            _priority.Clear();
            _normal.Clear();
            waiter = _waiter;
            _waiter = null;
        }

        foreach (var l in dropped)
        {
            l.Written.TrySetException(reason);
        }

        waiter?.TrySetException(reason);
    }

    private bool HasReady() => _priority.Count > 0 || (_normalOpen && _normal.Count > 0);

    private TaskCompletionSource? TakeWaiterIfReady()
    {
        if (_waiter is null || !HasReady())
        {
            return null;
        }

        var w = _waiter;
        _waiter = null;
        return w;
    }
}
