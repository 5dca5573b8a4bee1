using System.Collections.Concurrent;
using Bridges.Core.Backfill;
using Bridges.Core.Bridge;
using Bridges.Core.Logins;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Portals;

/// <summary>What bridging a remote event into a room uses: exactly these services, nothing of the bridge beyond them.</summary>
internal sealed record RemoteEventServices(
    BridgeContext Env,
    PortalRegistry Portals,
    LoginRegistry Logins,
    PortalRoomService Rooms,
    DoublePuppeting Puppets,
    ReceiptEchoes Receipts,
    BackfillRunner Backfill,
    // MSC4144 per-message profile avatars uploaded this run, by their network id: each is uploaded once.
    ConcurrentDictionary<string, MxcUri> ProfileAvatars,
    // Inline images (custom emoji) uploaded this run, by their network id: each is uploaded once.
    ConcurrentDictionary<string, MxcUri> InlineImages);
