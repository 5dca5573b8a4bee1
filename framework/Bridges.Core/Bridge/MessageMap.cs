using Bridges.Core.Database;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Bridge;

/// <summary>The read-only view of the message store that plugins get.</summary>
internal sealed class MessageMap(IMessageStore store) : IMessageMap
{
    public Task<IReadOnlyList<MessageRecord>> FindAsync(PortalKey portal, RemoteMessageId id, CancellationToken ct) => store.GetPartsAsync(portal, id, ct);

    public Task<MessageRecord?> FindAnyAsync(RemoteMessageId id, CancellationToken ct) => store.FindAnyAsync(id, ct);

    public Task<MessageRecord?> FindByEventAsync(RoomId room, EventId eventId, CancellationToken ct) => store.GetByEventAsync(room, eventId, ct);
}
