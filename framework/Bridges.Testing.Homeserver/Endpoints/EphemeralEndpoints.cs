using System.Globalization;
using System.Text.Json.Nodes;
using Bridges.Testing.Homeserver.Http;
using Bridges.Testing.Homeserver.Logic;
using Bridges.Testing.Homeserver.Model;

namespace Bridges.Testing.Homeserver.Endpoints;

/// <summary>Typing, receipts, read markers, presence, account data and filters.</summary>
internal sealed class EphemeralEndpoints(HomeserverServices s)
{
    private const string Client = "/_matrix/client/v3";
    private readonly HomeserverContext _ctx = s.Ctx;

    public void Map(Router r)
    {
        r.Add("PUT", Client + "/rooms/{roomId}/typing/{userId}", RouteAuth.Required, (rc, _) => Task.FromResult(Typing(rc)));
        r.Add("POST", Client + "/rooms/{roomId}/receipt/{receiptType}/{eventId}", RouteAuth.Required, (rc, _) => Task.FromResult(Receipt(rc)));
        r.Add("POST", Client + "/rooms/{roomId}/read_markers", RouteAuth.Required, (rc, _) => Task.FromResult(ReadMarkers(rc)));
        r.Add("PUT", Client + "/presence/{userId}/status", RouteAuth.Required, (rc, _) => Task.FromResult(SetPresence(rc)));
        r.Add("GET", Client + "/presence/{userId}/status", RouteAuth.Required, (rc, _) => Task.FromResult(GetPresence(rc)));
        r.Add("PUT", Client + "/user/{userId}/account_data/{type}", RouteAuth.Required, (rc, _) => Task.FromResult(PutAccountData(rc)));
        r.Add("GET", Client + "/user/{userId}/account_data/{type}", RouteAuth.Required, (rc, _) => Task.FromResult(GetAccountData(rc)));
        r.Add("PUT", Client + "/user/{userId}/rooms/{roomId}/account_data/{type}", RouteAuth.Required, (rc, _) => Task.FromResult(PutAccountData(rc)));
        r.Add("GET", Client + "/user/{userId}/rooms/{roomId}/account_data/{type}", RouteAuth.Required, (rc, _) => Task.FromResult(GetAccountData(rc)));
        r.Add("POST", Client + "/user/{userId}/filter", RouteAuth.Required, (rc, _) => Task.FromResult(CreateFilter(rc)));
        r.Add("GET", Client + "/user/{userId}/filter/{filterId}", RouteAuth.Required, (rc, _) => Task.FromResult(GetFilter(rc)));
    }

    private MatrixResult Typing(RequestContext rc)
    {
        RequireSelf(rc);
        lock (_ctx.Gate)
        {
            var room = _ctx.GetRoom(rc.Param("roomId"));
            RoomAuthorizer.RequireJoined(room, rc.User.UserId);
            var timeout = rc.BodyObject["timeout"] is JsonValue t && t.TryGetValue<long>(out var ms) ? ms : 30_000;
            s.Ephemeral.SetTyping(room, rc.User.UserId, rc.BodyBool("typing") ?? false, Math.Min(timeout, 120_000));
            return MatrixResult.Empty();
        }
    }

    private MatrixResult Receipt(RequestContext rc)
    {
        lock (_ctx.Gate)
        {
            var room = _ctx.GetRoom(rc.Param("roomId"));
            RoomAuthorizer.RequireJoined(room, rc.User.UserId);
            var eventId = rc.Param("eventId");
            if (!room.ById.ContainsKey(eventId))
            {
                throw MatrixError.NotFound("Event not found");
            }

            var type = rc.Param("receiptType");
            if (type == "m.fully_read")
            {
                s.Ephemeral.SetRoomAccountData(room, rc.User.UserId, "m.fully_read", new JsonObject { ["event_id"] = eventId });
            }
            else
            {
                s.Ephemeral.SetReceipt(room, rc.User.UserId, type, eventId, rc.BodyString("thread_id"));
            }

            return MatrixResult.Empty();
        }
    }

    private MatrixResult ReadMarkers(RequestContext rc)
    {
        lock (_ctx.Gate)
        {
            var room = _ctx.GetRoom(rc.Param("roomId"));
            RoomAuthorizer.RequireJoined(room, rc.User.UserId);
            foreach (var key in new[] { "m.fully_read", "m.read", "m.read.private" })
            {
                if (rc.BodyString(key) is not { } eventId)
                {
                    continue;
                }

                if (!room.ById.ContainsKey(eventId))
                {
                    throw MatrixError.NotFound($"Event {eventId} not found");
                }

                if (key == "m.fully_read")
                {
                    s.Ephemeral.SetRoomAccountData(room, rc.User.UserId, key, new JsonObject { ["event_id"] = eventId });
                }
                else
                {
                    s.Ephemeral.SetReceipt(room, rc.User.UserId, key, eventId, null);
                }
            }

            return MatrixResult.Empty();
        }
    }

    private MatrixResult SetPresence(RequestContext rc)
    {
        RequireSelf(rc);
        lock (_ctx.Gate)
        {
            var account = _ctx.Users[rc.User.UserId];
            s.Ephemeral.SetPresence(account, rc.BodyString("presence") ?? "online", rc.BodyString("status_msg"));
            return MatrixResult.Empty();
        }
    }

    private MatrixResult GetPresence(RequestContext rc)
    {
        lock (_ctx.Gate)
        {
            var account = _ctx.Users.GetValueOrDefault(rc.Param("userId"))
                ?? throw MatrixError.NotFound("Unknown user");
            return MatrixResult.Ok(s.Ephemeral.PresenceContent(account));
        }
    }

    private MatrixResult PutAccountData(RequestContext rc)
    {
        RequireSelf(rc);
        var type = rc.Param("type");
        if (type is "m.fully_read" or "m.push_rules")
        {
            throw MatrixError.Create(405, "M_BAD_JSON", $"Cannot set {type} through this API");
        }

        lock (_ctx.Gate)
        {
            var content = (JsonObject)rc.BodyObject.DeepClone();
            if (rc.Parameters.TryGetValue("roomId", out var roomId))
            {
                s.Ephemeral.SetRoomAccountData(_ctx.GetRoom(roomId), rc.User.UserId, type, content);
            }
            else
            {
                s.Ephemeral.SetAccountData(_ctx.Users[rc.User.UserId], type, content);
            }

            return MatrixResult.Empty();
        }
    }

    private MatrixResult GetAccountData(RequestContext rc)
    {
        RequireSelf(rc);
        var type = rc.Param("type");
        lock (_ctx.Gate)
        {
            var data = rc.Parameters.TryGetValue("roomId", out var roomId)
                ? _ctx.GetRoom(roomId).AccountData.GetValueOrDefault(rc.User.UserId)
                : _ctx.Users[rc.User.UserId].AccountData;
            return data is not null && data.TryGetValue(type, out var entry)
                ? MatrixResult.Ok(entry.Content.DeepClone())
                : throw MatrixError.NotFound("Account data not found");
        }
    }

    private MatrixResult CreateFilter(RequestContext rc)
    {
        RequireSelf(rc);
        lock (_ctx.Gate)
        {
            var filters = _ctx.Users[rc.User.UserId].Filters;
            var id = filters.Count.ToString(CultureInfo.InvariantCulture);
            filters[id] = (JsonObject)rc.BodyObject.DeepClone();
            return MatrixResult.Ok(new JsonObject { ["filter_id"] = id });
        }
    }

    private MatrixResult GetFilter(RequestContext rc)
    {
        RequireSelf(rc);
        lock (_ctx.Gate)
        {
            return _ctx.Users[rc.User.UserId].Filters.TryGetValue(rc.Param("filterId"), out var filter)
                ? MatrixResult.Ok(filter.DeepClone())
                : throw MatrixError.NotFound("No such filter");
        }
    }

    private static void RequireSelf(RequestContext rc)
    {
        if (rc.Param("userId") != rc.User.UserId)
        {
            throw MatrixError.Forbidden("You cannot act for another user");
        }
    }
}
