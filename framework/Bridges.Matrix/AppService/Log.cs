using Microsoft.Extensions.Logging;

namespace Bridges.Matrix.AppService;

internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Warning, Message = "Request to {Path} without an hs_token")]
    public static partial void MissingToken(ILogger logger, string path);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Request to {Path} with a wrong hs_token")]
    public static partial void WrongToken(ILogger logger, string path);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Rejected transaction {TxnId}: {Errcode} {Reason}")]
    public static partial void RejectedTransaction(ILogger logger, string txnId, string errcode, string reason);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Debug, Message = "Accepted transaction {TxnId} with {EventCount} events and {EphemeralCount} ephemeral")]
    public static partial void AcceptedTransaction(ILogger logger, string txnId, int eventCount, int ephemeralCount);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Transaction {TxnId} was already accepted; acknowledged again")]
    public static partial void DuplicateTransaction(ILogger logger, string txnId);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Transaction {TxnId}: skipped {Count} malformed events")]
    public static partial void SkippedMalformedEvents(ILogger logger, string txnId, int count);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "Ping from the homeserver (transaction {PingTxnId})")]
    public static partial void PingReceived(ILogger logger, string? pingTxnId);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "Transaction {TxnId} could not be stored; the homeserver will send it again")]
    public static partial void TransactionNotStored(ILogger logger, Exception exception, string txnId);
}
