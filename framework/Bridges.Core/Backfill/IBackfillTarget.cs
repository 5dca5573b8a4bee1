using Bridges.Core.Network;
using Bridges.Core.Portals;

namespace Bridges.Core.Backfill;

/// <summary>Where fetched history goes: the remote path, which bridges a past message into an existing room with its own time.</summary>
internal interface IBackfillTarget
{
    /// <summary>Bridges one fetched message (the caller runs on the portal's queue).</summary>
    Task<RemoteEventResult> BridgeBackfilledAsync(Portal portal, RemoteMessage message, CancellationToken ct);
}
