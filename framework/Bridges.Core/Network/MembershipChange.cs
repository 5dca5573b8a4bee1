namespace Bridges.Core.Network;

/// <summary>Kinds of remote membership change.</summary>
public enum MembershipChange
{
    Join,
    Leave,
    Kick,
    Ban,
    Unban,
    Invite,
}
