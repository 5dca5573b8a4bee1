using System.Collections.Concurrent;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Bridge;

/// <summary>Read receipts the bridge itself set for a real user (double puppeting): their EDU must not go back to the network.</summary>
internal sealed class ReceiptEchoes(TimeProvider time)
{
    private readonly ConcurrentDictionary<(RoomId Room, UserId User, EventId Event), long> _own = new();

    /// <summary>Remembers a read receipt the bridge sets as a real Matrix user, so its echo is not sent back.</summary>
    public void Expect(RoomId room, UserId user, EventId eventId)
    {
        var now = time.GetTimestamp();
        if (_own.Count > 10_000)
        {
            foreach (var stale in _own.Where(r => time.GetElapsedTime(r.Value, now) > TimeSpan.FromMinutes(5)).Select(r => r.Key).ToList())
            {
                _own.TryRemove(stale, out _);
            }
        }

        _own[(room, user, eventId)] = now;
    }

    /// <summary>True (once) when this receipt is the echo of one the bridge set itself.</summary>
    public bool IsEcho(RoomId room, UserId user, EventId eventId) => _own.TryRemove((room, user, eventId), out _);
}
