namespace Bridges.Emulators.Discord.World;

/// <summary>A channel permission overwrite for a role (type 0) or a member (type 1).</summary>
public sealed record EmulatedOverwrite(string Id, int Type, long Allow, long Deny)
{
    /// <summary>Overwrite types from the docs' Overwrite Structure.</summary>
    public const int Role = 0, Member = 1;

    public static EmulatedOverwrite For(EmulatedRole role, long allow = 0, long deny = 0) => new(role.Id, Role, allow, deny);

    public static EmulatedOverwrite For(EmulatedUser user, long allow = 0, long deny = 0) => new(user.Id, Member, allow, deny);
}
