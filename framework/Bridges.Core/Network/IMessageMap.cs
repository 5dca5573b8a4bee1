using Bridges.Core.Database;
using Bridges.Core.Network.Ids;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Network;

/// <summary>
/// Read access to the bridge's message map for plugins: which Matrix event a remote message became, and back. Email
/// finds the thread portal of an <c>In-Reply-To</c> here; a plugin never writes the map (the core does as it bridges).
/// </summary>
public interface IMessageMap
{
    /// <summary>Every part of a remote message in a portal, first part first; empty when it was never bridged.</summary>
    Task<IReadOnlyList<MessageRecord>> FindAsync(PortalKey portal, RemoteMessageId id, CancellationToken ct);

    /// <summary>The first part of a remote message in whichever portal of this network holds it, for ids unique network-wide.</summary>
    Task<MessageRecord?> FindAnyAsync(RemoteMessageId id, CancellationToken ct);

    /// <summary>The remote message a Matrix event was bridged from or to, or null.</summary>
    Task<MessageRecord?> FindByEventAsync(RoomId room, EventId eventId, CancellationToken ct);
}
