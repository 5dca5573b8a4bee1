using Bridges.Matrix.Ids;

namespace Bridges.Core.Database;

/// <summary>The remote→Matrix outbox of one network (see <see cref="OutboxRecord"/>).</summary>
public interface IOutboxStore
{
    /// <summary>Writes every part of one message in one transaction, before the first is sent.</summary>
    Task AddAsync(IReadOnlyList<OutboxRecord> parts, CancellationToken ct);

    /// <summary>Stores the part's mapping to <paramref name="eventId"/> and removes its row, in one transaction.</summary>
    Task CompleteAsync(OutboxRecord part, EventId eventId, CancellationToken ct);

    /// <summary>Removes a row that cannot be sent (its room is gone): the failure was reported.</summary>
    Task DeleteAsync(OutboxRecord part, CancellationToken ct);

    /// <summary>Every row left by an earlier run, oldest first and parts in order.</summary>
    Task<IReadOnlyList<OutboxRecord>> ListAsync(CancellationToken ct);
}
