using System.Collections.Concurrent;
using Bridges.Matrix.AppService;
using Bridges.Matrix.Events;

namespace Bridges.Matrix.Tests.Support;

/// <summary>
/// The test's <see cref="IAppServiceTransactionSink"/>: remembers accepted transaction ids (a repeated id is refused,
/// as the contract says) and records the room events of each new transaction, so the HTTP surface is tested without a
/// database. The durable sink and its dispatcher are tested in Bridges.Core.Tests.
/// </summary>
internal sealed class RecordingTransactionSink : IAppServiceTransactionSink
{
    private readonly ConcurrentDictionary<string, byte> _txnIds = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<MatrixEvent> _roomEvents = new();

    public IReadOnlyCollection<MatrixEvent> RoomEvents => _roomEvents;

    public int CountOf(string eventId) => _roomEvents.Count(e => e.EventId.Value == eventId);

    /// <summary>How many of the next transactions fail to be stored (a database that is closing, say).</summary>
    public int FailuresLeft { get; set; }

    public Task<bool> AcceptAsync(AppServiceTransaction transaction, CancellationToken ct)
    {
        if (FailuresLeft > 0)
        {
            FailuresLeft--;
            throw new ObjectDisposedException("database");
        }

        if (!_txnIds.TryAdd(transaction.TxnId, 0))
        {
            return Task.FromResult(false);
        }

        foreach (var evt in transaction.Events)
        {
            _roomEvents.Enqueue(evt);
        }

        return Task.FromResult(true);
    }
}
