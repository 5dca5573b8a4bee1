using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Bridges.Matrix.AppService;
using Bridges.Matrix.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bridges.Core.Inbox;

/// <summary>
/// Stores each accepted transaction in the durable inbox (so the endpoint acknowledges only stored events),
/// then dispatches room events to the <see cref="IMatrixEventHandler"/> in order per room, rooms in parallel.
/// Ephemeral and to-device events go straight to the handler on their own queue. Events left pending by a
/// crash are dispatched again at start; the handler deduplicates by event id.
/// </summary>
public sealed partial class AppServiceEventDispatcher : BackgroundService, IAppServiceTransactionSink
{
    private readonly IAppServiceInboxStore _store;
    private readonly IMatrixEventHandler _handler;
    private readonly AppServiceDispatcherOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly SemaphoreSlim _inFlight;
    private readonly Dictionary<string, Channel<InboxEntry>> _rooms = [];
    private readonly ConcurrentQueue<long> _done = new();
    // Wakes the done-flusher only when something finished, so an idle host does not tick 20 times a second.
    private readonly SemaphoreSlim _doneSignal = new(0);
    private int _doneArmed;
    private readonly Channel<(JsonElement Event, bool ToDevice)> _ephemeral = Channel.CreateUnbounded<(JsonElement, bool)>(new UnboundedChannelOptions { SingleReader = true });
    private long _handledCount;

    public AppServiceEventDispatcher(IAppServiceInboxStore store, IMatrixEventHandler handler, AppServiceDispatcherOptions options, TimeProvider time, ILogger<AppServiceEventDispatcher> logger)
    {
        _store = store;
        _handler = handler;
        _options = options;
        _time = time;
        _logger = logger;
        _inFlight = new SemaphoreSlim(options.MaxInFlight, options.MaxInFlight);
    }

    /// <summary>Room events handled since start (for tests and metrics).</summary>
    public long HandledCount => Interlocked.Read(ref _handledCount);

    /// <inheritdoc />
    public async Task<bool> AcceptAsync(AppServiceTransaction transaction, CancellationToken ct)
    {
        var items = new List<InboxItem>(transaction.Events.Count);
        for (var i = 0; i < transaction.Events.Count; i++)
        {
            var evt = transaction.Events[i];
            var json = transaction.RawEvents is { } raw && raw.Count == transaction.Events.Count ? raw[i] : JsonSerializer.Serialize(evt, MatrixJsonContext.Default.MatrixEvent);
            items.Add(new InboxItem(evt.RoomId.Value, evt.EventId.Value, json));
        }

        if (!await _store.AcceptAsync(transaction.TxnId, items, ct).ConfigureAwait(false))
        {
            return false;
        }

        foreach (var e in transaction.Ephemeral)
        {
            _ephemeral.Writer.TryWrite((e, false));
        }

        foreach (var e in transaction.ToDevice)
        {
            _ephemeral.Writer.TryWrite((e, true));
        }

        Wake();
        return true;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var ephemeral = RunEphemeralAsync(stoppingToken);
        var flusher = RunDoneFlusherAsync(stoppingToken);
        await PruneAsync(stoppingToken).ConfigureAwait(false);
        var pruner = RunPrunerAsync(stoppingToken);
        var after = 0L;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var batch = await _store.ReadPendingAsync(after, _options.ReadBatchSize, stoppingToken).ConfigureAwait(false);
                foreach (var entry in batch)
                {
                    await _inFlight.WaitAsync(stoppingToken).ConfigureAwait(false);
                    Route(entry, stoppingToken);
                    after = entry.Sequence;
                }

                if (batch.Count < _options.ReadBatchSize)
                {
                    await _wake.WaitAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                LogPumpFailed(e);
                await Task.Delay(TimeSpan.FromSeconds(1), _time, stoppingToken).ConfigureAwait(false);
            }
        }

        _ephemeral.Writer.TryComplete();
        await Task.WhenAll(ephemeral, flusher, pruner).ConfigureAwait(false);
    }

    private void Wake()
    {
        try
        {
            if (_wake.CurrentCount == 0)
            {
                _wake.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    private void Route(InboxEntry entry, CancellationToken ct)
    {
        lock (_rooms)
        {
            if (_rooms.TryGetValue(entry.RoomId, out var queue))
            {
                queue.Writer.TryWrite(entry);
                return;
            }

            queue = Channel.CreateUnbounded<InboxEntry>(new UnboundedChannelOptions { SingleReader = true });
            queue.Writer.TryWrite(entry);
            _rooms[entry.RoomId] = queue;
            _ = Task.Run(() => RunRoomAsync(entry.RoomId, queue, ct), CancellationToken.None);
        }
    }

    private async Task RunRoomAsync(string roomId, Channel<InboxEntry> queue, CancellationToken ct)
    {
        while (true)
        {
            while (queue.Reader.TryRead(out var entry))
            {
                await HandleAsync(entry, ct).ConfigureAwait(false);
            }

            lock (_rooms)
            {
                // Retire the idle worker under the lock so Route never writes to a queue nobody reads.
                if (!queue.Reader.TryPeek(out _))
                {
                    _rooms.Remove(roomId);
                    return;
                }
            }
        }
    }

    private async Task HandleAsync(InboxEntry entry, CancellationToken ct)
    {
        try
        {
            var evt = TryRead(entry);
            if (evt is not null)
            {
                try
                {
                    await _handler.HandleRoomEventAsync(evt, ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Cancelled (stopping, or the room's work was cut off): not done, so it is dispatched again after
                    // the restart and deduplicated then. Marking it done would lose it.
                    Log.EventHandlingCancelled(_logger, evt.EventId.Value, evt.RoomId.Value);
                    return;
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    // The handler reports failures to the room itself; one bad event must not stall the room.
                    Log.EventHandlerFailed(_logger, e, evt.EventId.Value, evt.RoomId.Value);
                }
            }

            if (!ct.IsCancellationRequested)
            {
                _done.Enqueue(entry.Sequence);
                if (Interlocked.Exchange(ref _doneArmed, 1) == 0)
                {
                    _doneSignal.Release();
                }
                if (evt is not null)
                {
                    Interlocked.Increment(ref _handledCount);
                }
            }
        }
        finally
        {
            _inFlight.Release();
        }
    }

    /// <summary>
    /// Reads a stored event, or null when the row cannot be read (written by another version, say). An exception here
    /// would end the room's worker while it stays registered, and every later event of the room would wait forever.
    /// </summary>
    private MatrixEvent? TryRead(InboxEntry entry)
    {
        try
        {
            var evt = JsonSerializer.Deserialize(entry.Json, MatrixJsonContext.Default.MatrixEvent);
            if (evt is not null)
            {
                return evt;
            }
        }
        catch (JsonException e)
        {
            Log.UnreadableInboxItem(_logger, e, entry.Sequence, entry.RoomId);
            return null;
        }

        Log.UnreadableInboxItem(_logger, null, entry.Sequence, entry.RoomId);
        return null;
    }

    private async Task RunEphemeralAsync(CancellationToken ct)
    {
        await foreach (var (evt, toDevice) in _ephemeral.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            try
            {
                await (toDevice ? _handler.HandleToDeviceAsync(evt, ct) : _handler.HandleEphemeralAsync(evt, ct)).ConfigureAwait(false);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                Log.EphemeralHandlerFailed(_logger, e, evt.TryGetProperty("type", out var t) ? t.ToString() : "?");
            }
        }
    }

    private async Task RunDoneFlusherAsync(CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await _doneSignal.WaitAsync(ct).ConfigureAwait(false);
                // Gather what finishes in the next interval into one write.
                await Task.Delay(_options.DoneFlushInterval, _time, ct).ConfigureAwait(false);
                Volatile.Write(ref _doneArmed, 0);
                try
                {
                    await FlushDoneAsync(ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Unflushed ids stay queued and are tried again after the next interval; the worst case is a
                    // replay the handler deduplicates.
                    LogPumpFailed(e);
                    if (Interlocked.Exchange(ref _doneArmed, 1) == 0)
                    {
                        _doneSignal.Release();
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: flush what finished so a clean restart does not replay it.
        }

        await FlushDoneAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private async Task FlushDoneAsync(CancellationToken ct)
    {
        var sequences = new List<long>();
        while (_done.TryDequeue(out var seq))
        {
            sequences.Add(seq);
        }

        if (sequences.Count == 0)
        {
            return;
        }

        try
        {
            await _store.MarkDoneAsync(sequences, ct).ConfigureAwait(false);
        }
        catch
        {
            foreach (var seq in sequences)
            {
                _done.Enqueue(seq);
            }

            throw;
        }
    }

    /// <summary>A host that runs for months must not keep every transaction id and handled row it ever saw.</summary>
    private async Task RunPrunerAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await Task.Delay(_options.PruneInterval, _time, ct).ConfigureAwait(false);
                await PruneAsync(ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task PruneAsync(CancellationToken ct)
    {
        try
        {
            await _store.PruneAsync(_time.GetUtcNow() - _options.TransactionRetention, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            LogPumpFailed(e);
        }
    }

    private void LogPumpFailed(Exception e) => Log.PumpFailed(_logger, e);
}
