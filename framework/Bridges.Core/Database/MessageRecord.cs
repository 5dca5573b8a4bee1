using Bridges.Core.Network.Ids;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Database;

/// <summary>
/// One row of the message map: a part of a remote message and the Matrix event it became (or came from).
/// Unique by (portal, remote id, part) and by (room, event id); dedup relies on both constraints.
/// </summary>
public sealed record MessageRecord
{
    public required PortalKey Portal { get; init; }

    public required RemoteMessageId RemoteId { get; init; }

    /// <summary>The part; empty for single-part messages.</summary>
    public PartId Part { get; init; } = new(string.Empty);

    public required RoomId RoomId { get; init; }

    public required EventId EventId { get; init; }

    /// <summary>The remote sender, when known.</summary>
    public RemoteUserId? Sender { get; init; }

    /// <summary>The Matrix sender.</summary>
    public UserId? MatrixSender { get; init; }

    public DateTimeOffset Timestamp { get; init; }

    /// <summary>The remote message this one replies to, so a reply chain can be followed (email References).</summary>
    public RemoteMessageId? ReplyTo { get; init; }

    /// <summary>The thread root's remote id, where threads exist.</summary>
    public RemoteMessageId? ThreadRoot { get; init; }
}
