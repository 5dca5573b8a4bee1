using System.Collections.Concurrent;
using System.Text.Json;
using Bridges.Core.Inbox;
using Bridges.Matrix.Events;

namespace Bridges.Core.Tests.Support;

/// <summary>The test's <see cref="IMatrixEventHandler"/>: records what the dispatcher hands it, in arrival order.</summary>
internal sealed class RecordingEventHandler : IMatrixEventHandler
{
    private readonly ConcurrentDictionary<string, List<string>> _byRoom = new();
    private readonly ConcurrentQueue<MatrixEvent> _roomEvents = new();
    private readonly ConcurrentQueue<JsonElement> _ephemeral = new();
    private readonly ConcurrentQueue<JsonElement> _toDevice = new();
    private readonly ConcurrentDictionary<string, int> _busyRooms = new();

    /// <summary>Runs inside <see cref="HandleRoomEventAsync"/> after the event is recorded.</summary>
    public Func<MatrixEvent, CancellationToken, Task>? OnRoomEvent { get; set; }

    public IReadOnlyCollection<MatrixEvent> RoomEvents => _roomEvents;

    public IReadOnlyCollection<JsonElement> Ephemeral => _ephemeral;

    public IReadOnlyCollection<JsonElement> ToDevice => _toDevice;

    /// <summary>Set when two events of one room were ever handled at the same time.</summary>
    public bool SawConcurrencyWithinRoom { get; private set; }

    public IReadOnlyList<string> EventIdsIn(string roomId)
    {
        if (!_byRoom.TryGetValue(roomId, out var list))
        {
            return [];
        }

        lock (list)
        {
            return [.. list];
        }
    }

    public int CountOf(string eventId) => _roomEvents.Count(e => e.EventId.Value == eventId);

    public async Task HandleRoomEventAsync(MatrixEvent evt, CancellationToken ct)
    {
        var list = _byRoom.GetOrAdd(evt.RoomId.Value, _ => []);
        if (_busyRooms.AddOrUpdate(evt.RoomId.Value, 1, (_, n) => n + 1) > 1)
        {
            SawConcurrencyWithinRoom = true;
        }

        lock (list)
        {
            list.Add(evt.EventId.Value);
        }

        _roomEvents.Enqueue(evt);
        try
        {
            // Yield so rooms interleave and any ordering mistake in the dispatcher has a chance to show.
            await Task.Yield();
            if (OnRoomEvent is { } hook)
            {
                await hook(evt, ct);
            }
        }
        finally
        {
            _busyRooms.AddOrUpdate(evt.RoomId.Value, 0, (_, n) => n - 1);
        }
    }

    public Task HandleEphemeralAsync(JsonElement evt, CancellationToken ct)
    {
        _ephemeral.Enqueue(evt.Clone());
        return Task.CompletedTask;
    }

    public Task HandleToDeviceAsync(JsonElement evt, CancellationToken ct)
    {
        _toDevice.Enqueue(evt.Clone());
        return Task.CompletedTask;
    }
}
