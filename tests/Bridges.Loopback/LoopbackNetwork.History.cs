using Bridges.Core.Network;
using Bridges.Core.Network.Ids;

namespace Bridges.Loopback;

/// <summary>Chat history for backfill: every message in posting order, with its id and time.</summary>
public sealed partial class LoopbackNetwork
{
    private readonly List<BackfillRequest> _backfillRequests = [];

    /// <summary>Whether clients can read chat history (<see cref="IBackfiller"/>); when false every fetch answers null.</summary>
    public bool HistoryAvailable { get; set; } = true;

    /// <summary>Runs at each backfill fetch before the history is read (a test posts a message that races the backfill here).</summary>
    public Action<BackfillRequest>? BeforeBackfill { get; set; }

    /// <summary>Every backfill request the bridge made, in order.</summary>
    public IReadOnlyList<BackfillRequest> BackfillRequests
    {
        get
        {
            lock (_gate)
            {
                return _backfillRequests.ToList();
            }
        }
    }

    /// <summary>Adds a message to a chat's history only (see <see cref="LoopbackUser.SendUnseen"/>).</summary>
    internal LoopbackEvent PostUnseen(string chatId, string author, DateTimeOffset? at, Func<PortalKey, RemoteMessageId?, EventSender, DateTimeOffset, RemoteEvent> build)
    {
        lock (_gate)
        {
            var chat = ChatLocked(chatId);
            chat.AddMember(author);
            RemoteMessageId? id = NewMessageIdLocked(chat);
            var evt = new LoopbackEvent(chat, author, id, at ?? _time.GetUtcNow(), (sender, time) => build(chat.PortalKey, id, sender, time));
            chat.History.Add(evt);
            return evt;
        }
    }

    /// <summary>
    /// The <see cref="IBackfiller"/> contract over a chat's history: after an anchor the first <c>Limit</c>, else the
    /// newest <c>Limit</c> (before an anchor when given), oldest first. An anchor not in the history counts by its time.
    /// </summary>
    internal IReadOnlyList<RemoteMessage>? FetchHistory(LoopbackClient client, BackfillRequest request)
    {
        BeforeBackfill?.Invoke(request);
        lock (_gate)
        {
            _backfillRequests.Add(request);
            if (!HistoryAvailable || request.Portal.Receiver is not null)
            {
                return null;
            }

            var history = ChatLocked(request.Portal.Id.Value).History;
            int start, end;
            if (request.After is { } after)
            {
                start = Position(history, after, e => e.Timestamp > after.Timestamp, 1);
                end = Math.Min(history.Count, start + request.Limit);
            }
            else
            {
                end = request.Before is { } before ? Position(history, before, e => e.Timestamp >= before.Timestamp, 0) : history.Count;
                start = Math.Max(0, end - request.Limit);
            }

            return history.Skip(start).Take(end - start)
                .Select(e => (RemoteMessage)e.Build(new EventSender(new RemoteUserId(e.Author), IsFromMe: e.Author == client.Account, client.LoginId), e.Timestamp))
                .ToList();
        }
    }

    /// <summary>The anchor's index plus <paramref name="past"/> when it is in the history, else the first index from its time on.</summary>
    private static int Position(List<LoopbackEvent> history, BackfillAnchor anchor, Func<LoopbackEvent, bool> fromTime, int past)
    {
        var at = history.FindIndex(e => e.MessageId == anchor.Id);
        if (at >= 0)
        {
            return at + past;
        }

        var next = history.FindIndex(e => fromTime(e));
        return next < 0 ? history.Count : next;
    }
}
