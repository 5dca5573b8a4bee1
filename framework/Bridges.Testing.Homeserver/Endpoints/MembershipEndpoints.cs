using System.Text.Json.Nodes;
using Bridges.Testing.Homeserver.Http;
using Bridges.Testing.Homeserver.Logic;
using Bridges.Testing.Homeserver.Model;

namespace Bridges.Testing.Homeserver.Endpoints;

/// <summary>createRoom, join, knock, invite, leave, kick, ban, unban, forget, joined_rooms.</summary>
internal sealed class MembershipEndpoints(HomeserverServices s)
{
    private const string Client = "/_matrix/client/v3";
    private readonly HomeserverContext _ctx = s.Ctx;

    public void Map(Router r)
    {
        r.Add("POST", Client + "/createRoom", RouteAuth.Required, CreateRoomAsync);
        r.Add("POST", Client + "/join/{roomIdOrAlias}", RouteAuth.Required, JoinAsync);
        r.Add("POST", Client + "/rooms/{roomId}/join", RouteAuth.Required, JoinAsync);
        r.Add("POST", Client + "/rooms/{roomId}/invite", RouteAuth.Required, InviteAsync);
        r.Add("POST", Client + "/knock/{roomIdOrAlias}", RouteAuth.Required, KnockAsync);
        r.Add("POST", Client + "/rooms/{roomId}/leave", RouteAuth.Required, (rc, _) => Task.FromResult(
            Change(rc, rc.User.UserId, MembershipService.Content("leave", rc.BodyString("reason")))));
        r.Add("POST", Client + "/rooms/{roomId}/kick", RouteAuth.Required, (rc, _) => Task.FromResult(
            Change(rc, Target(rc), MembershipService.Content("leave", rc.BodyString("reason")))));
        r.Add("POST", Client + "/rooms/{roomId}/ban", RouteAuth.Required, (rc, _) => Task.FromResult(
            Change(rc, Target(rc), MembershipService.Content("ban", rc.BodyString("reason")))));
        r.Add("POST", Client + "/rooms/{roomId}/unban", RouteAuth.Required, (rc, _) => Task.FromResult(Unban(rc)));
        r.Add("POST", Client + "/rooms/{roomId}/forget", RouteAuth.Required, (rc, _) => Task.FromResult(Forget(rc)));
        r.Add("GET", Client + "/joined_rooms", RouteAuth.Required, (rc, _) => Task.FromResult(JoinedRooms(rc)));
    }

    private async Task<MatrixResult> CreateRoomAsync(RequestContext rc, CancellationToken ct)
    {
        var roomId = await s.Creator.CreateAsync(rc.User, rc.BodyObject, ct);
        return MatrixResult.Ok(new JsonObject { ["room_id"] = roomId });
    }

    private async Task<MatrixResult> JoinAsync(RequestContext rc, CancellationToken ct)
    {
        var target = rc.Parameters.TryGetValue("roomIdOrAlias", out var value) ? value : rc.Param("roomId");
        var roomId = target;
        if (target.StartsWith('#'))
        {
            roomId = await s.Resolver.ResolveAliasAsync(target, ct)
                ?? throw MatrixError.NotFound($"Room alias {target} not found");
        }

        lock (_ctx.Gate)
        {
            var room = _ctx.GetRoom(roomId);
            var content = MembershipService.Content("join", rc.BodyString("reason"));
            if (room.Membership(rc.User.UserId) != "join")
            {
                s.Membership.Apply(room, rc.User, rc.User.UserId, content);
            }

            return MatrixResult.Ok(new JsonObject { ["room_id"] = room.RoomId });
        }
    }

    private async Task<MatrixResult> KnockAsync(RequestContext rc, CancellationToken ct)
    {
        var target = rc.Param("roomIdOrAlias");
        var roomId = target.StartsWith('#')
            ? await s.Resolver.ResolveAliasAsync(target, ct) ?? throw MatrixError.NotFound($"Room alias {target} not found")
            : target;
        lock (_ctx.Gate)
        {
            var room = _ctx.GetRoom(roomId);
            s.Membership.Apply(room, rc.User, rc.User.UserId, MembershipService.Content("knock", rc.BodyString("reason")));
            return MatrixResult.Ok(new JsonObject { ["room_id"] = room.RoomId });
        }
    }

    private async Task<MatrixResult> InviteAsync(RequestContext rc, CancellationToken ct)
    {
        var target = rc.BodyString("user_id")
            ?? throw MatrixError.Forbidden("Third-party invites are not supported by this homeserver");
        lock (_ctx.Gate)
        {
            var room = _ctx.GetRoom(rc.Param("roomId"));
            RoomAuthorizer.RequireJoined(room, rc.User.UserId);
        }

        // Unknown users in an appservice namespace are first queried from that appservice.
        await s.Resolver.RequireUserAsync(target, ct);
        return Change(rc, target, MembershipService.Content("invite", rc.BodyString("reason")));
    }

    private MatrixResult Change(RequestContext rc, string target, JsonObject content)
    {
        lock (_ctx.Gate)
        {
            s.Membership.Apply(_ctx.GetRoom(rc.Param("roomId")), rc.User, target, content);
            return MatrixResult.Empty();
        }
    }

    private MatrixResult Unban(RequestContext rc)
    {
        lock (_ctx.Gate)
        {
            s.Membership.Unban(_ctx.GetRoom(rc.Param("roomId")), rc.User, Target(rc), rc.BodyString("reason"));
            return MatrixResult.Empty();
        }
    }

    private MatrixResult Forget(RequestContext rc)
    {
        lock (_ctx.Gate)
        {
            var room = _ctx.GetRoom(rc.Param("roomId"));
            var membership = room.Membership(rc.User.UserId);
            if (membership is "join" or "invite" or "knock")
            {
                throw MatrixError.Create(400, "M_UNKNOWN", $"User {rc.User.UserId} is in room {room.RoomId}");
            }

            room.ForgottenBy.Add(rc.User.UserId);
            return MatrixResult.Empty();
        }
    }

    private MatrixResult JoinedRooms(RequestContext rc)
    {
        lock (_ctx.Gate)
        {
            var rooms = _ctx.Rooms.Values.Where(r => r.Membership(rc.User.UserId) == "join")
                .Select(r => (JsonNode)JsonValue.Create(r.RoomId)!);
            return MatrixResult.Ok(new JsonObject { ["joined_rooms"] = new JsonArray([.. rooms]) });
        }
    }

    private static string Target(RequestContext rc) =>
        rc.BodyString("user_id") ?? throw MatrixError.MissingParam("user_id is required");
}
