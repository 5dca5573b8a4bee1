namespace Bridges.Emulators.Discord.World;

/// <summary>A guild channel: text (0), category (4), public thread (11) or forum (15).</summary>
public sealed record EmulatedChannel(string Id, string GuildId, int Type, string Name, int Position, string? ParentId, string? Topic = null)
{
    /// <summary>Channel type numbers from the docs' Channel Types table.</summary>
    public const int Text = 0, Category = 4, PublicThread = 11, Forum = 15;

    /// <summary>For a thread: who started it.</summary>
    public string? OwnerId { get; init; }

    /// <summary>The channel's permission overwrites (not for threads, which follow their parent).</summary>
    public IReadOnlyList<EmulatedOverwrite> Overwrites { get; init; } = [];
}
