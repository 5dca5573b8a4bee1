namespace Bridges.Emulators.Discord.World;

/// <summary>A user's membership of a guild: their roles and nickname there.</summary>
public sealed record EmulatedMember(string GuildId, string UserId, IReadOnlyList<string> Roles, string? Nick, DateTimeOffset JoinedAt);
