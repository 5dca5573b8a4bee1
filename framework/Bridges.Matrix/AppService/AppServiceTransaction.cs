using System.Text.Json;
using Bridges.Matrix.Events;

namespace Bridges.Matrix.AppService;

/// <summary>One transaction pushed by the homeserver, parsed and split by kind.</summary>
/// <param name="TxnId">The homeserver's transaction id (unique per appservice).</param>
/// <param name="Events">Room events (timeline and state), in the homeserver's order.</param>
/// <param name="Ephemeral">Typing, receipts and presence (<c>ephemeral</c> or the MSC2409 key).</param>
/// <param name="ToDevice">To-device messages (MSC2409 <c>to_device</c>).</param>
public sealed record AppServiceTransaction(
    string TxnId,
    IReadOnlyList<MatrixEvent> Events,
    IReadOnlyList<JsonElement> Ephemeral,
    IReadOnlyList<JsonElement> ToDevice)
{
    /// <summary>The events' JSON as received, parallel to <see cref="Events"/>, when known (saves re-serialising them to store).</summary>
    public IReadOnlyList<string>? RawEvents { get; init; }
}
