namespace Bridges.Core.Inbox;

/// <summary>Tuning of <see cref="AppServiceEventDispatcher"/>.</summary>
public sealed class AppServiceDispatcherOptions
{
    /// <summary>Events read from the inbox per batch.</summary>
    public int ReadBatchSize { get; set; } = 500;

    /// <summary>Most events dispatched but not yet handled, across rooms (bounds memory on a backlog).</summary>
    public int MaxInFlight { get; set; } = 10_000;

    /// <summary>How often handled events are marked done in the store.</summary>
    public TimeSpan DoneFlushInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How long transaction ids are remembered for dedup (homeservers retry for hours, not weeks).</summary>
    public TimeSpan TransactionRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often old transaction ids and handled inbox rows are deleted while running (also once at start).</summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);
}
