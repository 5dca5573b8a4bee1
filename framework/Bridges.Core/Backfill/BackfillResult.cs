namespace Bridges.Core.Backfill;

/// <summary>What one backfill did: messages the network returned, and what became of them.</summary>
/// <param name="Fetched">Messages the network returned.</param>
/// <param name="Bridged">Messages sent to the room.</param>
/// <param name="Skipped">Messages already bridged (live, or by an earlier backfill) or with nothing to bridge.</param>
/// <param name="Failed">Messages that could not be bridged (logged).</param>
internal sealed record BackfillResult(int Fetched, int Bridged, int Skipped, int Failed)
{
    public static BackfillResult Empty { get; } = new(0, 0, 0, 0);

    public BackfillResult Add(BackfillResult other) =>
        new(Fetched + other.Fetched, Bridged + other.Bridged, Skipped + other.Skipped, Failed + other.Failed);
}
