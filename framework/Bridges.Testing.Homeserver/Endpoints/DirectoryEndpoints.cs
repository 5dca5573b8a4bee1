using System.Text.Json.Nodes;
using Bridges.Testing.Homeserver.Http;
using Bridges.Testing.Homeserver.Logic;
using Bridges.Testing.Homeserver.Model;

namespace Bridges.Testing.Homeserver.Endpoints;

/// <summary>Room aliases and the published room directory.</summary>
internal sealed class DirectoryEndpoints(HomeserverServices s)
{
    private const string Client = "/_matrix/client/v3";
    private readonly HomeserverContext _ctx = s.Ctx;

    public void Map(Router r)
    {
        r.Add("PUT", Client + "/directory/room/{roomAlias}", RouteAuth.Required, (rc, _) => Task.FromResult(PutAlias(rc)));
        r.Add("GET", Client + "/directory/room/{roomAlias}", RouteAuth.None, GetAliasAsync);
        r.Add("DELETE", Client + "/directory/room/{roomAlias}", RouteAuth.Required, (rc, _) => Task.FromResult(DeleteAlias(rc)));
        r.Add("GET", Client + "/rooms/{roomId}/aliases", RouteAuth.Required, (rc, _) => Task.FromResult(RoomAliases(rc)));
        r.Add("GET", Client + "/directory/list/room/{roomId}", RouteAuth.None, (rc, _) => Task.FromResult(GetVisibility(rc)));
        r.Add("PUT", Client + "/directory/list/room/{roomId}", RouteAuth.Required, (rc, _) => Task.FromResult(SetVisibility(rc)));
        r.Add("GET", Client + "/publicRooms", RouteAuth.None, (_, _) => Task.FromResult(PublicRooms()));
    }

    private MatrixResult PutAlias(RequestContext rc)
    {
        var alias = rc.Param("roomAlias");
        var roomId = rc.BodyString("room_id") ?? throw MatrixError.MissingParam("room_id is required");
        lock (_ctx.Gate)
        {
            s.AliasRules.CheckCreate(rc.User, alias, forDirectoryPut: true);
            var room = _ctx.GetRoom(roomId);
            if (rc.User.AppService is null)
            {
                RoomAuthorizer.RequireJoined(room, rc.User.UserId);
            }

            _ctx.Aliases[alias] = new AliasEntry(roomId, rc.User.UserId);
            return MatrixResult.Empty();
        }
    }

    private async Task<MatrixResult> GetAliasAsync(RequestContext rc, CancellationToken ct)
    {
        var alias = rc.Param("roomAlias");
        lock (_ctx.Gate)
        {
            s.AliasRules.CheckGrammar(alias);
        }

        var roomId = await s.Resolver.ResolveAliasAsync(alias, ct)
            ?? throw MatrixError.NotFound($"Room alias {alias} not found.");
        return MatrixResult.Ok(new JsonObject { ["room_id"] = roomId, ["servers"] = new JsonArray(_ctx.ServerName) });
    }

    private MatrixResult DeleteAlias(RequestContext rc)
    {
        var alias = rc.Param("roomAlias");
        lock (_ctx.Gate)
        {
            var entry = _ctx.Aliases.GetValueOrDefault(alias) ?? throw MatrixError.NotFound($"Room alias {alias} not found.");
            s.AliasRules.CheckDelete(rc.User, alias, entry);
            _ctx.Aliases.Remove(alias);
            RemoveFromCanonical(rc.User, _ctx.GetRoom(entry.RoomId), alias);
            return MatrixResult.Empty();
        }
    }

    /// <summary>Like Synapse, a deleted alias is dropped from the room's canonical alias event when allowed.</summary>
    private void RemoveFromCanonical(Requester requester, Room room, string alias)
    {
        var content = room.StateContent("m.room.canonical_alias");
        if (content is null)
        {
            return;
        }

        var updated = (JsonObject)content.DeepClone();
        var changed = false;
        if (updated["alias"]?.GetValue<string>() == alias)
        {
            updated.Remove("alias");
            changed = true;
        }

        if (updated["alt_aliases"] is JsonArray alt && alt.FirstOrDefault(a => a?.GetValue<string>() == alias) is { } node)
        {
            alt.Remove(node);
            changed = true;
        }

        if (!changed || room.Membership(requester.UserId) != "join" ||
            room.PowerLevels.UserLevel(requester.UserId) < room.PowerLevels.EventLevel("m.room.canonical_alias", true))
        {
            return;
        }

        _ctx.Events.Send(room, "m.room.canonical_alias", "", requester.UserId, updated, requester: requester);
    }

    private MatrixResult RoomAliases(RequestContext rc)
    {
        lock (_ctx.Gate)
        {
            var room = _ctx.GetRoom(rc.Param("roomId"));
            if (room.HistoryVisibility != "world_readable")
            {
                RoomAuthorizer.RequireJoined(room, rc.User.UserId);
            }

            var aliases = _ctx.Aliases.Where(a => a.Value.RoomId == room.RoomId).Select(a => (JsonNode)JsonValue.Create(a.Key)!);
            return MatrixResult.Ok(new JsonObject { ["aliases"] = new JsonArray([.. aliases]) });
        }
    }

    private MatrixResult GetVisibility(RequestContext rc)
    {
        lock (_ctx.Gate)
        {
            var room = _ctx.GetRoom(rc.Param("roomId"));
            return MatrixResult.Ok(new JsonObject { ["visibility"] = room.Published ? "public" : "private" });
        }
    }

    private MatrixResult SetVisibility(RequestContext rc)
    {
        lock (_ctx.Gate)
        {
            var room = _ctx.GetRoom(rc.Param("roomId"));
            RoomAuthorizer.RequireJoined(room, rc.User.UserId);
            var powerLevels = room.PowerLevels;
            if (powerLevels.UserLevel(rc.User.UserId) < powerLevels.EventLevel("m.room.canonical_alias", true))
            {
                throw MatrixError.Forbidden("You don't have permission to change the room's directory visibility");
            }

            room.Published = rc.BodyString("visibility") == "public";
            return MatrixResult.Empty();
        }
    }

    private MatrixResult PublicRooms()
    {
        lock (_ctx.Gate)
        {
            var chunk = _ctx.Rooms.Values.Where(r => r.Published).Select(r =>
            {
                var entry = new JsonObject
                {
                    ["room_id"] = r.RoomId,
                    ["num_joined_members"] = r.Members("join").Count(),
                    ["world_readable"] = r.HistoryVisibility == "world_readable",
                    ["guest_can_join"] = r.StateContent("m.room.guest_access")?["guest_access"]?.GetValue<string>() == "can_join",
                    ["join_rule"] = r.JoinRule,
                };
                foreach (var (key, type, field) in new[] { ("name", "m.room.name", "name"), ("topic", "m.room.topic", "topic"),
                             ("canonical_alias", "m.room.canonical_alias", "alias"), ("avatar_url", "m.room.avatar", "url") })
                {
                    if (r.StateContent(type)?[field] is JsonValue value)
                    {
                        entry[key] = value.DeepClone();
                    }
                }

                return (JsonNode)entry;
            });
            var rooms = new JsonArray([.. chunk]);
            return MatrixResult.Ok(new JsonObject { ["chunk"] = rooms, ["total_room_count_estimate"] = rooms.Count });
        }
    }
}
