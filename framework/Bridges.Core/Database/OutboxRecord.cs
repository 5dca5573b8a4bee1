using Bridges.Core.Network.Ids;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Database;

/// <summary>
/// One part of a remote message on its way into Matrix, written before it is sent: what to send, as whom, with which
/// txn id. A crash before the part is mapped leaves the row, and the next start sends it again with the same txn id
/// (the homeserver answers with the same event), so a network that cannot replay (IRC) loses nothing past this point.
/// </summary>
public sealed record OutboxRecord
{
    public required PortalKey Portal { get; init; }

    public required RemoteMessageId RemoteId { get; init; }

    public PartId Part { get; init; } = new(string.Empty);

    public required RoomId RoomId { get; init; }

    /// <summary>The Matrix user the part is sent as (a ghost or a double puppet).</summary>
    public required UserId Intent { get; init; }

    public required string EventType { get; init; }

    /// <summary>The event content as JSON, exactly as it is to be sent.</summary>
    public required string Content { get; init; }

    public required string TxnId { get; init; }

    /// <summary>The remote sender, for the mapping.</summary>
    public RemoteUserId? Sender { get; init; }

    /// <summary>When the remote message was sent (the mapping's time, and the appservice <c>ts</c> of a backfilled part).</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>Whether the part is sent with the appservice <c>ts</c> parameter (backfill).</summary>
    public bool Backdated { get; init; }

    public RemoteMessageId? ThreadRoot { get; init; }

    public RemoteMessageId? ReplyTo { get; init; }
}
