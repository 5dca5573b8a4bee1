using Bridges.Core.Network.Ids;

namespace Bridges.Core.Network;

/// <summary>Optional: the network has reactions.</summary>
public interface IReactionSender
{
    /// <summary>Adds a reaction; returns its remote id where the network has one.</summary>
    Task<RemoteReactionId?> SendReactionAsync(OutgoingReaction reaction, CancellationToken ct);

    /// <summary>Removes a reaction.</summary>
    Task RemoveReactionAsync(OutgoingReactionRemoval removal, CancellationToken ct);
}
