using System.Text.Json.Nodes;
using Bridges.Testing.Homeserver.Model;

namespace Bridges.Testing.Homeserver.Logic;

/// <summary><c>GET /sync</c>: initial and incremental responses, long-polling until something new arrives.</summary>
internal sealed class SyncBuilder(HomeserverContext ctx, EphemeralService ephemeral)
{
    public async Task<JsonObject> SyncAsync(Requester requester, string? since, bool fullState, long timeoutMs,
        int timelineLimit, CancellationToken ct)
    {
        var sincePosition = StreamToken.ParseOptional(since);
        var deadline = ctx.NowMs + Math.Max(0, timeoutMs);
        while (true)
        {
            Task changed;
            JsonObject response;
            bool empty;
            long? nextTypingExpiry;
            lock (ctx.Gate)
            {
                nextTypingExpiry = ephemeral.PurgeExpiredTyping();
                changed = ctx.Stream.Changed;
                (response, empty) = Build(requester, sincePosition ?? -1, fullState, timelineLimit);
            }

            var now = ctx.NowMs;
            if (!empty || sincePosition is null || fullState || now >= deadline)
            {
                return response;
            }

            // Wake for new stream data, the deadline, or a typing notification expiring.
            var wait = Math.Min(deadline, nextTypingExpiry ?? deadline) - now;
            await Task.WhenAny(changed, Task.Delay(TimeSpan.FromMilliseconds(Math.Max(1, wait)), ctx.Time, ct));
            ct.ThrowIfCancellationRequested();
        }
    }

    private (JsonObject Response, bool Empty) Build(Requester requester, long since, bool fullState, int limit)
    {
        var user = requester.UserId;
        JsonObject join = [], invite = [], leave = [];
        foreach (var room in ctx.Rooms.Values)
        {
            var member = room.StateEvent("m.room.member", user);
            if (member is null)
            {
                continue;
            }

            switch (member.Membership)
            {
                case "join":
                    if (JoinedRoom(room, requester, since, fullState, limit) is { } joined)
                    {
                        join[room.RoomId] = joined;
                    }

                    break;
                case "invite" when since < 0 || member.Position > since:
                    invite[room.RoomId] = InvitedRoom(room, member);
                    break;
                case "leave" or "ban" when since >= 0 && member.Position > since && !room.ForgottenBy.Contains(user):
                    leave[room.RoomId] = LeftRoom(room, requester, since, member, limit);
                    break;
            }
        }

        var response = new JsonObject { ["next_batch"] = StreamToken.Format(ctx.Stream.Position) };
        var rooms = new JsonObject();
        foreach (var (key, section) in new[] { ("join", join), ("invite", invite), ("leave", leave) })
        {
            if (section.Count > 0)
            {
                rooms[key] = section;
            }
        }

        if (rooms.Count > 0)
        {
            response["rooms"] = rooms;
        }

        var presence = Presence(user, since);
        if (presence.Count > 0)
        {
            response["presence"] = new JsonObject { ["events"] = presence };
        }

        var accountData = ctx.Users.TryGetValue(user, out var account)
            ? AccountData(account.AccountData, since)
            : [];
        if (accountData.Count > 0)
        {
            response["account_data"] = new JsonObject { ["events"] = accountData };
        }

        return (response, rooms.Count == 0 && presence.Count == 0 && accountData.Count == 0);
    }

    private JsonObject? JoinedRoom(Room room, Requester requester, long since, bool fullState, int limit)
    {
        var user = requester.UserId;
        var newlyJoined = since < 0 || room.MembershipAt(user, since) != "join";
        // A room joined since the last sync comes with the history the user may see from before the join (up to the
        // limit), as Synapse sends it: an incremental sync must not hide what was said between invite and join. After
        // an earlier leave, that history starts at the leave: what came before was in earlier syncs.
        var from = newlyJoined && since >= 0 ? LastLeftAtOrBefore(room, user, since) : since;
        var visible = room.Timeline.Where(e => e.Position > from && room.CanSee(user, e)).ToList();
        var limited = visible.Count > limit;
        var timeline = limited ? visible[^limit..] : visible;
        var timelineStart = timeline.Count > 0 ? timeline[0].Position : ctx.Stream.Position + 1;

        IEnumerable<StoredEvent> state;
        if (newlyJoined || fullState)
        {
            state = room.StateBefore(timelineStart).Values;
        }
        else
        {
            // State that changed between `since` and the start of a gapped timeline.
            state = room.Timeline.Where(e => e.IsState && e.Position > since && e.Position < timelineStart)
                .GroupBy(e => (e.Type, e.StateKey)).Select(g => g.Last());
        }

        var stateEvents = state.OrderBy(e => e.Position).Select(e => Serialize(room, e, requester)).ToList();
        var ephemeralEvents = new List<JsonNode>();
        if ((since < 0 && room.TypingUntilMs.Count > 0) || (since >= 0 && room.TypingPosition > since))
        {
            ephemeralEvents.Add(EphemeralService.TypingEvent(room, includeRoomId: false));
        }

        var receipts = room.Receipts.Where(r => r.Position > since && (r.Type != "m.read.private" || r.UserId == user)).ToList();
        if (receipts.Count > 0)
        {
            ephemeralEvents.Add(EphemeralService.ReceiptEvent(receipts));
        }

        var accountData = room.AccountData.TryGetValue(user, out var data) ? AccountData(data, since) : [];
        if (!newlyJoined && !fullState && timeline.Count == 0 && stateEvents.Count == 0 && ephemeralEvents.Count == 0 &&
            accountData.Count == 0)
        {
            return null;
        }

        return new JsonObject
        {
            ["summary"] = new JsonObject
            {
                ["m.joined_member_count"] = room.Members("join").Count(),
                ["m.invited_member_count"] = room.Members("invite").Count(),
            },
            ["state"] = new JsonObject { ["events"] = new JsonArray([.. stateEvents]) },
            ["timeline"] = new JsonObject
            {
                ["events"] = new JsonArray([.. timeline.Select(e => Serialize(room, e, requester))]),
                ["limited"] = limited,
                ["prev_batch"] = StreamToken.Format(timelineStart - 1),
            },
            ["ephemeral"] = new JsonObject { ["events"] = new JsonArray([.. ephemeralEvents]) },
            ["account_data"] = new JsonObject { ["events"] = accountData },
            ["unread_notifications"] = new JsonObject { ["highlight_count"] = 0, ["notification_count"] = 0 },
        };
    }

    private static JsonObject InvitedRoom(Room room, StoredEvent invite)
    {
        // Stripped state per the spec's recommendation, plus the invite itself.
        string[] types = ["m.room.create", "m.room.name", "m.room.avatar", "m.room.topic", "m.room.join_rules",
            "m.room.canonical_alias", "m.room.encryption"];
        var events = types.Select(t => room.StateEvent(t)).OfType<StoredEvent>().Select(e => (JsonNode)e.ToStripped())
            .Append(invite.ToStripped());
        return new JsonObject { ["invite_state"] = new JsonObject { ["events"] = new JsonArray([.. events]) } };
    }

    private static long LastLeftAtOrBefore(Room room, string user, long position) =>
        room.MemberHistory.TryGetValue(user, out var history)
            ? history.Where(e => e.Position <= position && e.Membership is "leave" or "ban").Select(e => e.Position).DefaultIfEmpty(-1).Max()
            : -1;

    private JsonObject LeftRoom(Room room, Requester requester, long since, StoredEvent leave, int limit)
    {
        var visible = room.Timeline
            .Where(e => e.Position > since && e.Position <= leave.Position && room.CanSee(requester.UserId, e)).ToList();
        var limited = visible.Count > limit;
        var timeline = limited ? visible[^limit..] : visible;
        var start = timeline.Count > 0 ? timeline[0].Position : leave.Position;
        return new JsonObject
        {
            ["state"] = new JsonObject { ["events"] = new JsonArray() },
            ["timeline"] = new JsonObject
            {
                ["events"] = new JsonArray([.. timeline.Select(e => Serialize(room, e, requester))]),
                ["limited"] = limited,
                ["prev_batch"] = StreamToken.Format(start - 1),
            },
        };
    }

    private JsonArray Presence(string user, long since)
    {
        var peers = ctx.Rooms.Values.Where(r => r.Membership(user) == "join")
            .SelectMany(r => r.Members("join")).Append(user).ToHashSet(StringComparer.Ordinal);
        var events = peers.Select(p => ctx.Users.GetValueOrDefault(p))
            .Where(a => a is not null && a.PresencePosition > 0 && a.PresencePosition > since)
            .Select(a => (JsonNode)ephemeral.PresenceEvent(a!));
        return new JsonArray([.. events]);
    }

    private static JsonArray AccountData(Dictionary<string, (JsonObject Content, long Position)> data, long since) =>
        new([.. data.Where(kv => kv.Value.Position > since).Select(kv => (JsonNode)new JsonObject
        {
            ["type"] = kv.Key,
            ["content"] = kv.Value.Content.DeepClone(),
        })]);

    private JsonObject Serialize(Room room, StoredEvent e, Requester requester) => e.ToJson(includeRoomId: false,
        ctx.NowMs, requester.Scope, room.MembershipAt(requester.UserId, e.Position) ?? "leave");
}
