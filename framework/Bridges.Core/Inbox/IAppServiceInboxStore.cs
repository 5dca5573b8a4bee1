namespace Bridges.Core.Inbox;

/// <summary>
/// Durable inbox of appservice transactions: the set of accepted transaction ids and the room events still to
/// handle. Implemented by Bridges.Storage on SQLite and PostgreSQL.
/// </summary>
public interface IAppServiceInboxStore
{
    /// <summary>
    /// In one database transaction: records <paramref name="txnId"/> and appends <paramref name="items"/>.
    /// Returns false, storing nothing, when the transaction id was accepted before.
    /// </summary>
    Task<bool> AcceptAsync(string txnId, IReadOnlyList<InboxItem> items, CancellationToken ct);

    /// <summary>Pending (not yet done) items with a sequence above <paramref name="afterSequence"/>, oldest first.</summary>
    Task<IReadOnlyList<InboxEntry>> ReadPendingAsync(long afterSequence, int limit, CancellationToken ct);

    /// <summary>Marks items handled; they are never returned by <see cref="ReadPendingAsync"/> again.</summary>
    Task MarkDoneAsync(IReadOnlyCollection<long> sequences, CancellationToken ct);

    /// <summary>Forgets transaction ids and done items older than <paramref name="before"/>.</summary>
    Task PruneAsync(DateTimeOffset before, CancellationToken ct);
}
