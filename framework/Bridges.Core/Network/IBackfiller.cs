namespace Bridges.Core.Network;

/// <summary>
/// Optional: the client can fetch a chat's past messages. The core then fills a new portal with the chat's recent
/// history and, after downtime, catches up on what it missed (<c>backfill</c> options). Fetched messages are bridged
/// like live ones, dated with their <see cref="RemoteEvent.Timestamp"/>; they must carry the same ids as their live
/// copies, so a message that is both fetched and pushed is bridged once.
/// </summary>
public interface IBackfiller
{
    /// <summary>
    /// Messages of <see cref="BackfillRequest.Portal"/>, oldest first. With <see cref="BackfillRequest.After"/>: the first
    /// <see cref="BackfillRequest.Limit"/> after it. Otherwise the newest <c>Limit</c>, before
    /// <see cref="BackfillRequest.Before"/> when set. Fewer, or none, when there are no more; the core asks again from
    /// the last one until a request brings nothing new. Null when this connection cannot read the chat's history (the
    /// server keeps none, the chat is not visible to it): the core asks another client or does without.
    /// </summary>
    Task<IReadOnlyList<RemoteMessage>?> FetchMessagesAsync(BackfillRequest request, CancellationToken ct);
}
