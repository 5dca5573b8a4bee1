using System.Text.Json;
using Bridges.Matrix.Events;

namespace Bridges.Core.Inbox;

/// <summary>Receives what the homeserver pushes, after it is stored: room events in order per room, the rest as it comes.</summary>
public interface IMatrixEventHandler
{
    /// <summary>A room event. Events of one room arrive one at a time, in order; rooms run concurrently.</summary>
    Task HandleRoomEventAsync(MatrixEvent evt, CancellationToken ct);

    /// <summary>Typing, receipts or presence. Not stored: losing one in a crash is harmless.</summary>
    Task HandleEphemeralAsync(JsonElement evt, CancellationToken ct);

    /// <summary>A to-device message (MSC2409).</summary>
    Task HandleToDeviceAsync(JsonElement evt, CancellationToken ct);
}
