using Bridges.Core.Network.Ids;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Database;

/// <summary>The durable message and reaction map of one network.</summary>
public interface IMessageStore
{
    /// <summary>Adds a mapping; returns false (adding nothing) when either unique key already exists.</summary>
    Task<bool> TryAddAsync(MessageRecord message, CancellationToken ct);

    /// <summary>All parts of a remote message, first part first.</summary>
    Task<IReadOnlyList<MessageRecord>> GetPartsAsync(PortalKey portal, RemoteMessageId id, CancellationToken ct);

    /// <summary>The first part of a remote message in any portal of the network (ids unique network-wide, e.g. Message-IDs).</summary>
    Task<MessageRecord?> FindAnyAsync(RemoteMessageId id, CancellationToken ct);

    /// <summary>The mapping of a Matrix event.</summary>
    Task<MessageRecord?> GetByEventAsync(RoomId room, EventId eventId, CancellationToken ct);

    /// <summary>True when the Matrix event is already mapped, as a message part or a reaction (one query on the hot path).</summary>
    Task<bool> IsEventKnownAsync(RoomId room, EventId eventId, CancellationToken ct);

    /// <summary>Removes all parts of a remote message.</summary>
    Task DeleteAsync(PortalKey portal, RemoteMessageId id, CancellationToken ct);

    /// <summary>The newest mapped message of a portal.</summary>
    Task<MessageRecord?> GetLastAsync(PortalKey portal, CancellationToken ct);

    /// <summary>Adds a reaction; false when it exists.</summary>
    Task<bool> TryAddReactionAsync(ReactionRecord reaction, CancellationToken ct);

    Task<ReactionRecord?> GetReactionAsync(PortalKey portal, RemoteMessageId target, RemoteUserId sender, EmojiId emoji, CancellationToken ct);

    Task<ReactionRecord?> GetReactionByEventAsync(RoomId room, EventId eventId, CancellationToken ct);

    /// <summary>Every bridged reaction with one emoji on one message, whoever sent it.</summary>
    Task<IReadOnlyList<ReactionRecord>> GetReactionsAsync(PortalKey portal, RemoteMessageId target, EmojiId emoji, CancellationToken ct);

    Task DeleteReactionAsync(RoomId room, EventId eventId, CancellationToken ct);
}
