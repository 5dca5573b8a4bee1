using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bridges.Testing.Homeserver.Http;
using Bridges.Testing.Homeserver.Model;

namespace Bridges.Testing.Homeserver.Endpoints;

/// <summary>Versions, capabilities, registration (appservice and password with UIA), login, logout, whoami.</summary>
internal sealed partial class AccountEndpoints(HomeserverServices s)
{
    private const string Client = "/_matrix/client/v3";
    private readonly HomeserverContext _ctx = s.Ctx;

    public void Map(Router r)
    {
        r.Add("GET", "/_matrix/client/versions", RouteAuth.None, (_, _) => Task.FromResult(Versions()));
        r.Add("GET", Client + "/account/whoami", RouteAuth.Required, (rc, _) => Task.FromResult(WhoAmI(rc)));
        r.Add("GET", Client + "/capabilities", RouteAuth.Required, (_, _) => Task.FromResult(Capabilities()));
        r.Add("GET", Client + "/login", RouteAuth.None, (_, _) => Task.FromResult(LoginFlows()));
        r.Add("POST", Client + "/login", RouteAuth.None, (rc, _) => Task.FromResult(Login(rc)));
        r.Add("POST", Client + "/logout", RouteAuth.Required, (rc, _) => Task.FromResult(Logout(rc, all: false)));
        r.Add("POST", Client + "/logout/all", RouteAuth.Required, (rc, _) => Task.FromResult(Logout(rc, all: true)));
        r.Add("POST", Client + "/register", RouteAuth.None, (rc, _) => Task.FromResult(Register(rc)));
        r.Add("GET", Client + "/register/available", RouteAuth.None, (rc, _) => Task.FromResult(Available(rc)));
    }

    private static MatrixResult Versions()
    {
        var versions = new JsonArray();
        for (var minor = 1; minor <= 19; minor++)
        {
            versions.Add($"v1.{minor}");
        }

        return MatrixResult.Ok(new JsonObject { ["versions"] = versions, ["unstable_features"] = new JsonObject() });
    }

    private static MatrixResult WhoAmI(RequestContext rc)
    {
        var body = new JsonObject { ["user_id"] = rc.User.UserId, ["is_guest"] = false };
        if (rc.User.DeviceId is not null)
        {
            body["device_id"] = rc.User.DeviceId;
        }

        return MatrixResult.Ok(body);
    }

    private MatrixResult Capabilities()
    {
        var available = new JsonObject();
        foreach (var version in RoomVersion.Supported)
        {
            available[version] = "stable";
        }

        return MatrixResult.Ok(new JsonObject
        {
            ["capabilities"] = new JsonObject
            {
                ["m.change_password"] = new JsonObject { ["enabled"] = false },
                ["m.room_versions"] = new JsonObject { ["default"] = _ctx.Options.DefaultRoomVersion, ["available"] = available },
                ["m.set_displayname"] = new JsonObject { ["enabled"] = true },
                ["m.set_avatar_url"] = new JsonObject { ["enabled"] = true },
                ["m.3pid_changes"] = new JsonObject { ["enabled"] = false },
                ["m.get_login_token"] = new JsonObject { ["enabled"] = false },
            },
        });
    }

    private static MatrixResult LoginFlows() => MatrixResult.Ok(new JsonObject
    {
        ["flows"] = new JsonArray(
            new JsonObject { ["type"] = "m.login.password" },
            new JsonObject { ["type"] = "m.login.application_service" }),
    });

    private MatrixResult Login(RequestContext rc)
    {
        var type = rc.BodyString("type");
        var identifier = rc.BodyObject["identifier"] as JsonObject;
        var user = identifier?["type"]?.GetValue<string>() == "m.id.user"
            ? identifier["user"]?.GetValue<string>()
            : rc.BodyString("user");
        if (user is null)
        {
            throw MatrixError.Create(400, "M_UNKNOWN", "Only the m.id.user identifier is supported");
        }

        var userId = user.StartsWith('@') ? user : _ctx.UserId(user);
        lock (_ctx.Gate)
        {
            switch (type)
            {
                case "m.login.password":
                    if (!_ctx.Users.TryGetValue(userId, out var account) || account.Password is null ||
                        account.Password != rc.BodyString("password"))
                    {
                        throw MatrixError.Forbidden("Invalid username or password");
                    }

                    break;
                case "m.login.application_service":
                    var service = AppServiceFromToken(rc);
                    if (!service.IsInterestedInUser(userId, _ctx.ServerName) || !_ctx.Users.ContainsKey(userId))
                    {
                        throw MatrixError.Forbidden($"Application service cannot log in as {userId}");
                    }

                    break;
                default:
                    throw MatrixError.Create(400, "M_UNKNOWN", $"Unknown login type {type}");
            }

            return MatrixResult.Ok(LoginResponse(userId, rc.BodyString("device_id")));
        }
    }

    private MatrixResult Logout(RequestContext rc, bool all)
    {
        lock (_ctx.Gate)
        {
            // An as_token is not a device token; like Synapse, logging it out changes nothing.
            if (rc.User.AppService is null)
            {
                var tokens = _ctx.Tokens.Values.Where(t => t.UserId == rc.User.UserId && (all || t.DeviceId == rc.User.DeviceId));
                foreach (var token in tokens.ToList())
                {
                    _ctx.Tokens.Remove(token.Token);
                }
            }
        }

        return MatrixResult.Empty();
    }

    private MatrixResult Register(RequestContext rc)
    {
        if (rc.Query("kind") == "guest")
        {
            throw MatrixError.Forbidden("Guest access is disabled");
        }

        var type = rc.BodyString("type") ?? rc.BodyObject["auth"]?["type"]?.GetValue<string>();
        var username = rc.BodyString("username");
        var inhibitLogin = rc.BodyBool("inhibit_login") ?? false;
        lock (_ctx.Gate)
        {
            if (type == "m.login.application_service")
            {
                var service = AppServiceFromToken(rc);
                if (username is null)
                {
                    throw MatrixError.MissingParam("username is required for appservice registration");
                }

                var asUserId = ToUserId(username);
                if (!service.IsInterestedInUser(asUserId, _ctx.ServerName))
                {
                    throw MatrixError.Exclusive("Invalid user localpart for this application service.");
                }

                if (_ctx.AppServices.Registrations.Any(other => other != service &&
                        (other.SenderUserId(_ctx.ServerName) == asUserId || other.Users.Any(n => n.Exclusive && n.Matches(asUserId)))))
                {
                    throw MatrixError.Exclusive("This user ID is reserved by another application service.");
                }

                RequireFree(asUserId);

                _ctx.RegisterUser(asUserId, service.Id);
                return MatrixResult.Ok(inhibitLogin ? new JsonObject { ["user_id"] = asUserId } : LoginResponse(asUserId, rc.BodyString("device_id")));
            }

            if (!_ctx.Options.EnableOpenRegistration)
            {
                throw MatrixError.Forbidden("Registration has been disabled");
            }

            var userId = ToUserId(username ?? Ids.Random(12).ToLowerInvariant());
            RequireFree(userId);
            if (_ctx.AppServices.ExclusiveUserOwner(userId) is not null)
            {
                throw MatrixError.Exclusive("This user id is reserved by an application service.");
            }

            var session = rc.BodyObject["auth"]?["session"]?.GetValue<string>();
            if (type != "m.login.dummy" || (session is not null && !_ctx.UiaSessions.Contains(session)))
            {
                // First stage of User-Interactive Authentication: tell the client the flows.
                var newSession = Ids.Random(24);
                _ctx.UiaSessions.Add(newSession);
                throw MatrixError.Create(401, "M_FORBIDDEN", "Additional authentication required", new JsonObject
                {
                    ["flows"] = new JsonArray(new JsonObject { ["stages"] = new JsonArray("m.login.dummy") }),
                    ["params"] = new JsonObject(),
                    ["session"] = newSession,
                });
            }

            var account = _ctx.RegisterUser(userId, null);
            account.Password = rc.BodyString("password");
            return MatrixResult.Ok(inhibitLogin ? new JsonObject { ["user_id"] = userId } : LoginResponse(userId, rc.BodyString("device_id")));
        }
    }

    private MatrixResult Available(RequestContext rc)
    {
        var username = rc.Query("username") ?? throw MatrixError.MissingParam("username");
        lock (_ctx.Gate)
        {
            var userId = ToUserId(username);
            RequireFree(userId);
            if (_ctx.AppServices.ExclusiveUserOwner(userId) is not null)
            {
                throw MatrixError.Exclusive("This user id is reserved by an application service.");
            }

            return MatrixResult.Ok(new JsonObject { ["available"] = true });
        }
    }

    /// <summary>Checks the localpart grammar; returns the full user id.</summary>
    private string ToUserId(string username)
    {
        var localpart = username.StartsWith('@') ? username[1..].Split(':')[0] : username;
        if (!LocalpartPattern().IsMatch(localpart))
        {
            throw MatrixError.Create(400, "M_INVALID_USERNAME", $"User ID can only contain characters a-z, 0-9, or '=_-./+': {localpart}");
        }

        return _ctx.UserId(localpart);
    }

    private void RequireFree(string userId)
    {
        if (_ctx.Users.ContainsKey(userId))
        {
            throw MatrixError.Create(400, "M_USER_IN_USE", "User ID already taken.");
        }
    }

    private AppServiceRegistration AppServiceFromToken(RequestContext rc)
    {
        var token = Authenticator.Token(rc.Http) ?? throw MatrixError.MissingToken();
        return _ctx.AppServices.ByAsToken(token) ?? throw MatrixError.UnknownToken();
    }

    private JsonObject LoginResponse(string userId, string? deviceId)
    {
        var token = _ctx.IssueToken(userId, deviceId);
        return new JsonObject
        {
            ["user_id"] = userId,
            ["access_token"] = token.Token,
            ["device_id"] = token.DeviceId,
            ["home_server"] = _ctx.ServerName,
        };
    }

    [GeneratedRegex("^[a-z0-9._=/+-]+$")]
    private static partial Regex LocalpartPattern();
}
