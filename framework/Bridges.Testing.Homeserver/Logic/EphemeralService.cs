using System.Text.Json.Nodes;
using Bridges.Testing.Homeserver.Model;

namespace Bridges.Testing.Homeserver.Logic;

/// <summary>Typing, receipts, presence and account data: stream-positioned, not part of room timelines.</summary>
internal sealed class EphemeralService(HomeserverContext ctx)
{
    // Referenced here so pending timers are not collected before they fire.
    private readonly HashSet<ITimer> _timers = [];

    public void SetTyping(Room room, string userId, bool typing, long timeoutMs)
    {
        PurgeExpiredTyping();
        var changed = typing ? !room.TypingUntilMs.ContainsKey(userId) : room.TypingUntilMs.ContainsKey(userId);
        if (typing)
        {
            room.TypingUntilMs[userId] = ctx.NowMs + timeoutMs;
            ScheduleTypingExpiry(timeoutMs);
        }
        else
        {
            room.TypingUntilMs.Remove(userId);
        }

        if (changed)
        {
            TypingChanged(room);
        }
    }

    /// <summary>
    /// Typing stops on its own when the timeout passes; a timer makes sure that reaches appservices and
    /// long-polling syncs even when nobody else touches the room.
    /// </summary>
    private void ScheduleTypingExpiry(long timeoutMs)
    {
        ITimer? timer = null;
        timer = ctx.Time.CreateTimer(_ =>
        {
            lock (ctx.Gate)
            {
                PurgeExpiredTyping();
                _timers.Remove(timer!);
            }

            timer!.Dispose();
        }, null, TimeSpan.FromMilliseconds(timeoutMs + 1), Timeout.InfiniteTimeSpan);
        _timers.Add(timer);
    }

    /// <summary>Drops typing notifications whose timeout passed; returns the next expiry (ms), if any.</summary>
    public long? PurgeExpiredTyping()
    {
        var now = ctx.NowMs;
        long? next = null;
        foreach (var room in ctx.Rooms.Values.Where(r => r.TypingUntilMs.Count > 0))
        {
            var expired = room.TypingUntilMs.Where(kv => kv.Value <= now).Select(kv => kv.Key).ToList();
            expired.ForEach(u => room.TypingUntilMs.Remove(u));
            if (expired.Count > 0)
            {
                TypingChanged(room);
            }

            foreach (var until in room.TypingUntilMs.Values)
            {
                next = next is null ? until : Math.Min(next.Value, until);
            }
        }

        return next;
    }

    private void TypingChanged(Room room)
    {
        room.TypingPosition = ctx.Stream.Advance();
        ctx.AppServices.OnRoomEphemeral(room, TypingEvent(room, includeRoomId: true));
    }

    public static JsonObject TypingEvent(Room room, bool includeRoomId)
    {
        var edu = new JsonObject
        {
            ["type"] = "m.typing",
            ["content"] = new JsonObject { ["user_ids"] = new JsonArray([.. room.TypingUntilMs.Keys.Order(StringComparer.Ordinal).Select(u => JsonValue.Create(u))]) },
        };
        if (includeRoomId)
        {
            edu["room_id"] = room.RoomId;
        }

        return edu;
    }

    public void SetReceipt(Room room, string userId, string type, string eventId, string? threadId)
    {
        room.Receipts.RemoveAll(r => r.Type == type && r.UserId == userId && r.ThreadId == threadId);
        var receipt = new Receipt(type, userId, eventId, threadId, ctx.NowMs, ctx.Stream.Advance());
        room.Receipts.Add(receipt);
        if (type == "m.read")
        {
            var edu = ReceiptEvent([receipt]);
            edu["room_id"] = room.RoomId;
            ctx.AppServices.OnRoomEphemeral(room, edu);
        }
    }

    /// <summary>An <c>m.receipt</c> event: event id → receipt type → user → {ts, thread_id}.</summary>
    public static JsonObject ReceiptEvent(IEnumerable<Receipt> receipts)
    {
        var content = new JsonObject();
        foreach (var r in receipts)
        {
            var byType = content[r.EventId] as JsonObject ?? [];
            content[r.EventId] = byType;
            var byUser = byType[r.Type] as JsonObject ?? [];
            byType[r.Type] = byUser;
            var entry = new JsonObject { ["ts"] = r.Ts };
            if (r.ThreadId is not null)
            {
                entry["thread_id"] = r.ThreadId;
            }

            byUser[r.UserId] = entry;
        }

        return new JsonObject { ["type"] = "m.receipt", ["content"] = content };
    }

    public void SetPresence(UserAccount user, string presence, string? statusMessage)
    {
        user.Presence = presence;
        user.StatusMessage = statusMessage;
        user.LastActiveMs = ctx.NowMs;
        user.PresencePosition = ctx.Stream.Advance();
        ctx.AppServices.OnPresence(user.UserId, PresenceEvent(user));
    }

    public JsonObject PresenceContent(UserAccount user)
    {
        var content = new JsonObject
        {
            ["presence"] = user.Presence,
            ["currently_active"] = user.Presence == "online",
        };
        if (user.LastActiveMs > 0)
        {
            content["last_active_ago"] = Math.Max(0, ctx.NowMs - user.LastActiveMs);
        }

        if (user.StatusMessage is not null)
        {
            content["status_msg"] = user.StatusMessage;
        }

        foreach (var key in new[] { "displayname", "avatar_url" })
        {
            if (user.Profile[key] is { } value)
            {
                content[key] = value.DeepClone();
            }
        }

        return content;
    }

    public JsonObject PresenceEvent(UserAccount user) => new()
    {
        ["type"] = "m.presence",
        ["sender"] = user.UserId,
        ["content"] = PresenceContent(user),
    };

    public void SetAccountData(UserAccount user, string type, JsonObject content) =>
        user.AccountData[type] = (content, ctx.Stream.Advance());

    public void SetRoomAccountData(Room room, string userId, string type, JsonObject content)
    {
        if (!room.AccountData.TryGetValue(userId, out var data))
        {
            room.AccountData[userId] = data = new Dictionary<string, (JsonObject, long)>(StringComparer.Ordinal);
        }

        data[type] = (content, ctx.Stream.Advance());
    }
}
