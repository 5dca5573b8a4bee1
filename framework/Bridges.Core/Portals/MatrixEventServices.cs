using Bridges.Core.Bridge;
using Bridges.Core.Logins;
using Bridges.Core.Media;

namespace Bridges.Core.Portals;

/// <summary>What bridging a Matrix event to the network uses: exactly these services, nothing of the bridge beyond them.</summary>
internal sealed record MatrixEventServices(
    BridgeContext Env,
    LoginRegistry Logins,
    LoginService LoginService,
    RoomMemberCache Members,
    ReceiptEchoes Receipts,
    PublicMedia Media);
