namespace Bridges.Core.Network;

/// <summary>Optional: Matrix membership changes in a portal reach the network (a puppet joins or leaves, a ghost is kicked).</summary>
public interface IMembershipSender
{
    /// <summary>Applies a membership change on the network.</summary>
    Task SendMembershipAsync(OutgoingMembership membership, CancellationToken ct);
}
