namespace Bridges.Matrix.AppService;

/// <summary>Where the appservice endpoint hands each transaction before acknowledging it.</summary>
public interface IAppServiceTransactionSink
{
    /// <summary>
    /// Persists the transaction durably and returns true, or returns false when <see cref="AppServiceTransaction.TxnId"/>
    /// was accepted before (a retry, possibly after a restart). The endpoint answers 200 only after this returns.
    /// </summary>
    Task<bool> AcceptAsync(AppServiceTransaction transaction, CancellationToken ct);
}
