using System.Text.Json.Nodes;
using Bridges.Testing.Homeserver.Http;
using Bridges.Testing.Homeserver.Logic;
using Bridges.Testing.Homeserver.Model;

namespace Bridges.Testing.Homeserver.Endpoints;

/// <summary>Sending and redacting events (idempotent per transaction id), fetching them, and /messages.</summary>
internal sealed class RoomEventEndpoints(HomeserverServices s)
{
    private const string Client = "/_matrix/client/v3";
    private readonly HomeserverContext _ctx = s.Ctx;

    public void Map(Router r)
    {
        r.Add("PUT", Client + "/rooms/{roomId}/send/{eventType}/{txnId}", RouteAuth.Required, (rc, _) => Task.FromResult(Send(rc)));
        r.Add("PUT", Client + "/rooms/{roomId}/redact/{eventId}/{txnId}", RouteAuth.Required, (rc, _) => Task.FromResult(Redact(rc)));
        r.Add("GET", Client + "/rooms/{roomId}/event/{eventId}", RouteAuth.Required, (rc, _) => Task.FromResult(GetEvent(rc)));
        r.Add("GET", Client + "/rooms/{roomId}/messages", RouteAuth.Required, (rc, _) => Task.FromResult(Messages(rc)));
    }

    private MatrixResult Send(RequestContext rc) => Transactional(rc, room =>
    {
        var type = rc.Param("eventType");
        var content = (JsonObject)rc.BodyObject.DeepClone();
        RoomAuthorizer.CheckSend(room, rc.User.UserId, type, null, content);
        var e = _ctx.Events.Send(room, type, null, rc.User.UserId, content, requester: rc.User, txnId: rc.Param("txnId"), originServerTs: rc.AppServiceTs());
        return new JsonObject { ["event_id"] = e.EventId };
    });

    private MatrixResult Redact(RequestContext rc) => Transactional(rc, room =>
    {
        var target = room.ById.GetValueOrDefault(rc.Param("eventId"))
            ?? throw MatrixError.NotFound("Event not found");
        RoomAuthorizer.CheckRedact(room, rc.User.UserId, target);
        var content = new JsonObject();
        if (rc.BodyString("reason") is { } reason)
        {
            content["reason"] = reason;
        }

        var redaction = _ctx.Events.Send(room, "m.room.redaction", null, rc.User.UserId, content, target.EventId,
            rc.User, rc.Param("txnId"));
        Redactor.Apply(room, target, redaction);
        return new JsonObject { ["event_id"] = redaction.EventId };
    });

    /// <summary>
    /// The same (requester scope, path) returns the first response again instead of acting twice, for as long as the
    /// transaction is remembered; expired entries are dropped as the store grows.
    /// </summary>
    private MatrixResult Transactional(RequestContext rc, Func<Room, JsonObject> action)
    {
        lock (_ctx.Gate)
        {
            var key = (rc.User.Scope, rc.RawPath);
            var now = _ctx.NowMs;
            var lifetime = (long)_ctx.Options.TransactionLifetime.TotalMilliseconds;
            if (_ctx.Transactions.TryGetValue(key, out var previous))
            {
                if (now - previous.StoredAtMs <= lifetime)
                {
                    return MatrixResult.Ok(previous.Response.DeepClone());
                }

                _ctx.Transactions.Remove(key);
            }

            var response = action(_ctx.GetRoom(rc.Param("roomId")));
            if (_ctx.Transactions.Count >= 1024 && _ctx.Transactions.Count % 1024 == 0)
            {
                foreach (var stale in _ctx.Transactions.Where(t => now - t.Value.StoredAtMs > lifetime).Select(t => t.Key).ToList())
                {
                    _ctx.Transactions.Remove(stale);
                }
            }

            _ctx.Transactions[key] = (response, now);
            return MatrixResult.Ok(response.DeepClone());
        }
    }

    private MatrixResult GetEvent(RequestContext rc)
    {
        lock (_ctx.Gate)
        {
            var room = _ctx.GetRoom(rc.Param("roomId"));
            RequireMemberOrFormer(room, rc.User.UserId);
            if (!room.ById.TryGetValue(rc.Param("eventId"), out var e) || !room.CanSee(rc.User.UserId, e))
            {
                throw MatrixError.NotFound("Event not found.");
            }

            return MatrixResult.Ok(Serialize(room, e, rc.User));
        }
    }

    private MatrixResult Messages(RequestContext rc)
    {
        var backwards = (rc.Query("dir") ?? "b") == "b";
        var limit = Math.Clamp(rc.QueryInt("limit", 10), 1, 1000);
        lock (_ctx.Gate)
        {
            var room = _ctx.GetRoom(rc.Param("roomId"));
            var user = rc.User.UserId;
            RequireMemberOrFormer(room, user);
            var from = StreamToken.ParseOptional(rc.Query("from")) ?? (backwards ? _ctx.Stream.Position : 0);
            var to = StreamToken.ParseOptional(rc.Query("to"));
            var candidates = backwards
                ? room.Timeline.Where(e => e.Position <= from && (to is null || e.Position > to)).Reverse()
                : room.Timeline.Where(e => e.Position > from && (to is null || e.Position <= to));
            var visible = candidates.Where(e => room.CanSee(user, e)).Take(limit + 1).ToList();
            var chunk = visible.Take(limit).ToList();
            var response = new JsonObject
            {
                ["start"] = StreamToken.Format(from),
                ["chunk"] = new JsonArray([.. chunk.Select(e => (JsonNode)Serialize(room, e, rc.User))]),
            };
            if (visible.Count > limit)
            {
                // Only when more events can be seen: the spec says omit `end` at the end of the timeline.
                response["end"] = StreamToken.Format(backwards ? chunk[^1].Position - 1 : chunk[^1].Position);
            }

            return MatrixResult.Ok(response);
        }
    }

    private JsonObject Serialize(Room room, StoredEvent e, Requester requester) =>
        e.ToJson(includeRoomId: true, _ctx.NowMs, requester.Scope, room.MembershipAt(requester.UserId, e.Position) ?? "leave");

    public static void RequireMemberOrFormer(Room room, string userId)
    {
        if (!room.MemberHistory.TryGetValue(userId, out var history) || history.All(e => e.Membership != "join"))
        {
            if (room.HistoryVisibility != "world_readable")
            {
                throw MatrixError.Forbidden($"User {userId} not in room {room.RoomId}, and room previews are disabled");
            }
        }
    }
}
