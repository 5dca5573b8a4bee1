namespace Bridges.Matrix.Events;

/// <summary><c>membership</c> values of <c>m.room.member</c>.</summary>
public static class Membership
{
    public const string Join = "join";
    public const string Invite = "invite";
    public const string Leave = "leave";
    public const string Ban = "ban";
    public const string Knock = "knock";
}
