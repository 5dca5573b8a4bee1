using System.ComponentModel.DataAnnotations;

namespace Bridges.Core.Backfill;

/// <summary>
/// Backfill from networks whose clients can fetch history (<see cref="Network.IBackfiller"/>): config section
/// <c>bridges:&lt;network&gt;:backfill</c>.
/// </summary>
public sealed class BackfillOptions
{
    /// <summary>Whether portals are backfilled at all (on creation, after downtime, and on request).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Past messages a new portal room gets when it is created; 0: none.</summary>
    [Range(0, 100_000)]
    public int InitialLimit { get; set; } = 50;

    /// <summary>Missed messages, newer than the last bridged one, that each portal catches up on when a login connects; 0: none.</summary>
    [Range(0, 100_000)]
    public int CatchUpLimit { get; set; } = 500;

    /// <summary>Messages asked of the network per request; larger backfills are fetched in several.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 100;
}
