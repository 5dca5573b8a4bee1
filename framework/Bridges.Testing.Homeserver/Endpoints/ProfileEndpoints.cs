using System.Text.Json.Nodes;
using Bridges.Testing.Homeserver.Http;
using Bridges.Testing.Homeserver.Model;

namespace Bridges.Testing.Homeserver.Endpoints;

/// <summary>
/// Profiles. A change of <c>displayname</c> or <c>avatar_url</c> is also sent as new <c>m.room.member</c> events in
/// every room the user is joined to, as Synapse does.
/// </summary>
internal sealed class ProfileEndpoints(HomeserverServices s)
{
    private const string Profile = "/_matrix/client/v3/profile/{userId}";
    private static readonly string[] MemberKeys = ["displayname", "avatar_url"];
    private readonly HomeserverContext _ctx = s.Ctx;

    public void Map(Router r)
    {
        r.Add("GET", Profile, RouteAuth.Optional, GetProfileAsync);
        r.Add("GET", Profile + "/{keyName}", RouteAuth.Optional, GetFieldAsync);
        r.Add("PUT", Profile + "/{keyName}", RouteAuth.Required, (rc, _) => Task.FromResult(SetField(rc, remove: false)));
        r.Add("DELETE", Profile + "/{keyName}", RouteAuth.Required, (rc, _) => Task.FromResult(SetField(rc, remove: true)));
    }

    private async Task<MatrixResult> GetProfileAsync(RequestContext rc, CancellationToken ct)
    {
        var account = await FindAsync(rc.Param("userId"), ct);
        lock (_ctx.Gate)
        {
            return MatrixResult.Ok(account.Profile.DeepClone());
        }
    }

    private async Task<MatrixResult> GetFieldAsync(RequestContext rc, CancellationToken ct)
    {
        var account = await FindAsync(rc.Param("userId"), ct);
        var key = rc.Param("keyName");
        lock (_ctx.Gate)
        {
            var value = account.Profile[key] ?? throw MatrixError.NotFound($"Profile field {key} not found");
            return MatrixResult.Ok(new JsonObject { [key] = value.DeepClone() });
        }
    }

    private MatrixResult SetField(RequestContext rc, bool remove)
    {
        var userId = rc.Param("userId");
        var key = rc.Param("keyName");
        if (userId != rc.User.UserId)
        {
            throw MatrixError.Forbidden("You cannot change another user's profile");
        }

        JsonNode? value = null;
        if (!remove)
        {
            if (!rc.BodyObject.TryGetPropertyValue(key, out value) || rc.BodyObject.Count != 1)
            {
                throw MatrixError.BadJson($"The body must contain exactly the key {key}");
            }

            if (MemberKeys.Contains(key) && value is not JsonValue)
            {
                throw MatrixError.BadJson($"{key} must be a string");
            }
        }

        lock (_ctx.Gate)
        {
            var account = _ctx.Users.GetValueOrDefault(userId) ?? throw MatrixError.NotFound("Profile was not found");
            if (value is null)
            {
                account.Profile.Remove(key);
            }
            else
            {
                account.Profile[key] = value.DeepClone();
            }

            if (MemberKeys.Contains(key))
            {
                UpdateMemberEvents(rc.User, key, value);
            }

            return MatrixResult.Empty();
        }
    }

    private void UpdateMemberEvents(Requester requester, string key, JsonNode? value)
    {
        foreach (var room in _ctx.Rooms.Values.Where(r => r.Membership(requester.UserId) == "join").ToList())
        {
            var content = (JsonObject)room.StateContent("m.room.member", requester.UserId)!.DeepClone();
            if (value is null)
            {
                content.Remove(key);
            }
            else
            {
                content[key] = value.DeepClone();
            }

            content.Remove("reason");
            _ctx.Events.Send(room, "m.room.member", requester.UserId, requester.UserId, content, requester: requester);
        }
    }

    private async Task<UserAccount> FindAsync(string userId, CancellationToken ct)
    {
        // An unknown user in an appservice namespace is queried first; the appservice registers it if it exists.
        await s.Resolver.UserExistsAsync(userId, ct);
        lock (_ctx.Gate)
        {
            return _ctx.Users.GetValueOrDefault(userId) ?? throw MatrixError.NotFound("Profile was not found");
        }
    }
}
