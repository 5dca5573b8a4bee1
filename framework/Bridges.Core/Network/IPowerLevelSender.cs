using Bridges.Core.Logins;
using Bridges.Core.Network.Ids;

namespace Bridges.Core.Network;

/// <summary>Optional: power level changes of ghosts made in Matrix reach the network (e.g. IRC op/voice modes).</summary>
public interface IPowerLevelSender
{
    /// <summary>Gives <paramref name="target"/> the network's equivalent of <paramref name="powerLevel"/>.</summary>
    Task SendPowerLevelAsync(PortalKey portal, RemoteUserId target, long powerLevel, BridgeUser sender, CancellationToken ct);
}
