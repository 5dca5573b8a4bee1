using System.Text.Json;
using System.Text.Json.Nodes;
using Bridges.Testing.Homeserver.Http;
using Bridges.Testing.Homeserver.Logic;
using Bridges.Testing.Homeserver.Model;

namespace Bridges.Testing.Homeserver.Endpoints;

/// <summary>Room state: set and get single state events, the full state, members.</summary>
internal sealed class RoomStateEndpoints(HomeserverServices s)
{
    private const string Rooms = "/_matrix/client/v3/rooms/{roomId}";
    private readonly HomeserverContext _ctx = s.Ctx;

    public void Map(Router r)
    {
        r.Add("PUT", Rooms + "/state/{eventType}/{stateKey}", RouteAuth.Required, (rc, _) => Task.FromResult(PutState(rc)));
        r.Add("GET", Rooms + "/state/{eventType}/{stateKey}", RouteAuth.Required, (rc, _) => Task.FromResult(GetState(rc)));
        r.Add("GET", Rooms + "/state", RouteAuth.Required, (rc, _) => Task.FromResult(FullState(rc)));
        r.Add("GET", Rooms + "/members", RouteAuth.Required, (rc, _) => Task.FromResult(Members(rc)));
        r.Add("GET", Rooms + "/joined_members", RouteAuth.Required, (rc, _) => Task.FromResult(JoinedMembers(rc)));
    }

    private MatrixResult PutState(RequestContext rc)
    {
        var type = rc.Param("eventType");
        var stateKey = rc.Param("stateKey");
        var content = (JsonObject)rc.BodyObject.DeepClone();
        lock (_ctx.Gate)
        {
            var room = _ctx.GetRoom(rc.Param("roomId"));
            if (type == "m.room.member")
            {
                // Membership through the state API follows the same rules as the membership endpoints.
                var current = room.StateEvent(type, stateKey);
                if (current is not null && current.Sender == rc.User.UserId && JsonNode.DeepEquals(current.Content, content))
                {
                    return EventId(current);
                }

                return EventId(s.Membership.Apply(room, rc.User, stateKey, content));
            }

            RoomAuthorizer.CheckSend(room, rc.User.UserId, type, stateKey, content);
            var existing = room.StateEvent(type, stateKey);
            if (existing is not null && existing.Sender == rc.User.UserId && JsonNode.DeepEquals(existing.Content, content))
            {
                // Like Synapse, re-sending identical state returns the existing event.
                return EventId(existing);
            }

            if (type == "m.room.canonical_alias")
            {
                CheckCanonicalAlias(room, content);
            }

            return EventId(_ctx.Events.Send(room, type, stateKey, rc.User.UserId, content, requester: rc.User, originServerTs: rc.AppServiceTs()));
        }
    }

    private static MatrixResult EventId(StoredEvent e) => MatrixResult.Ok(new JsonObject { ["event_id"] = e.EventId });

    private void CheckCanonicalAlias(Room room, JsonObject content)
    {
        var current = room.StateContent("m.room.canonical_alias");
        var known = new HashSet<string>(StringComparer.Ordinal);
        if (current?["alias"] is JsonValue a)
        {
            known.Add(a.GetValue<string>());
        }

        foreach (var alt in current?["alt_aliases"] as JsonArray ?? [])
        {
            known.Add(alt!.GetValue<string>());
        }

        var proposed = (content["alt_aliases"] as JsonArray ?? []).Select(x => x?.GetValue<string>() ?? "").ToList();
        if (content["alias"] is JsonValue alias)
        {
            proposed.Add(alias.GetValue<string>());
        }

        foreach (var candidate in proposed.Where(p => !known.Contains(p)))
        {
            s.AliasRules.CheckGrammar(candidate);
            if (!_ctx.Aliases.TryGetValue(candidate, out var entry) || entry.RoomId != room.RoomId)
            {
                throw MatrixError.Create(400, "M_BAD_ALIAS", $"The alias '{candidate}' does not point to this room.");
            }
        }
    }

    private MatrixResult GetState(RequestContext rc)
    {
        lock (_ctx.Gate)
        {
            var room = _ctx.GetRoom(rc.Param("roomId"));
            var state = VisibleState(room, rc.User.UserId);
            if (!state.TryGetValue((rc.Param("eventType"), rc.Param("stateKey")), out var e))
            {
                throw MatrixError.NotFound("Event not found.");
            }

            // The spec's response schema is oneOf [object, state event]; a full event matches both, so
            // format=event output cannot pass a strict oneOf and is not self-checked.
            return rc.Query("format") == "event"
                ? new MatrixResult { Json = e.ToJson(includeRoomId: true, _ctx.NowMs), SkipResponseValidation = true }
                : MatrixResult.Ok(e.Content.DeepClone());
        }
    }

    private MatrixResult FullState(RequestContext rc)
    {
        lock (_ctx.Gate)
        {
            var room = _ctx.GetRoom(rc.Param("roomId"));
            var events = VisibleState(room, rc.User.UserId).Values.OrderBy(e => e.Position)
                .Select(e => (JsonNode)e.ToJson(includeRoomId: true, _ctx.NowMs));
            return MatrixResult.Ok(new JsonArray([.. events]));
        }
    }

    private MatrixResult Members(RequestContext rc)
    {
        var membership = rc.Query("membership");
        var notMembership = rc.Query("not_membership");
        lock (_ctx.Gate)
        {
            var room = _ctx.GetRoom(rc.Param("roomId"));
            var events = VisibleState(room, rc.User.UserId).Values
                .Where(e => e.Type == "m.room.member" && (membership is null || e.Membership == membership) &&
                            (notMembership is null || e.Membership != notMembership))
                .OrderBy(e => e.Position)
                .Select(e => (JsonNode)e.ToJson(includeRoomId: true, _ctx.NowMs));
            return MatrixResult.Ok(new JsonObject { ["chunk"] = new JsonArray([.. events]) });
        }
    }

    private MatrixResult JoinedMembers(RequestContext rc)
    {
        lock (_ctx.Gate)
        {
            var room = _ctx.GetRoom(rc.Param("roomId"));
            RoomAuthorizer.RequireJoined(room, rc.User.UserId);
            var joined = new JsonObject();
            foreach (var userId in room.Members("join"))
            {
                var content = room.StateContent("m.room.member", userId)!;
                var entry = new JsonObject();
                if (content["displayname"] is JsonValue name && name.GetValueKind() == JsonValueKind.String)
                {
                    entry["display_name"] = name.DeepClone();
                }

                if (content["avatar_url"] is JsonValue avatar && avatar.GetValueKind() == JsonValueKind.String)
                {
                    entry["avatar_url"] = avatar.DeepClone();
                }

                joined[userId] = entry;
            }

            return MatrixResult.Ok(new JsonObject { ["joined"] = joined });
        }
    }

    /// <summary>Current state for members; the state at their leave for former members; else 403.</summary>
    private static Dictionary<(string Type, string StateKey), StoredEvent> VisibleState(Room room, string userId)
    {
        var member = room.StateEvent("m.room.member", userId);
        if (member?.Membership == "join" || room.HistoryVisibility == "world_readable")
        {
            return room.State;
        }

        if (member?.Membership is "leave" or "ban" && room.MemberHistory[userId].Any(e => e.Membership == "join"))
        {
            var state = room.StateBefore(member.Position);
            state[("m.room.member", userId)] = member;
            return state;
        }

        throw MatrixError.Forbidden($"User {userId} not in room {room.RoomId}");
    }
}
