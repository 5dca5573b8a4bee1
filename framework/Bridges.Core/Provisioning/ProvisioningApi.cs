using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bridges.Core.Bridge;
using Bridges.Core.Portals;
using Bridges.Core.Logins;
using Bridges.Core.Network.Ids;
using Bridges.Core.Permissions;
using Bridges.Matrix.Errors;
using Bridges.Matrix.Ids;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Bridges.Core.Provisioning;

/// <summary>
/// The provisioning HTTP API under <c>/_bridges/provision/v1</c>, for integration managers and apps: login flows,
/// logins, identifier resolution, bridging and unbridging rooms, portals, backfill. Requests carry the shared secret as a
/// bearer token and the acting Matrix user as <c>user_id</c>; that user's bridge permissions apply.
/// </summary>
public sealed partial class ProvisioningApi
{
    private const string Base = "/_bridges/provision/v1";
    private readonly NetworkBridge _bridge;
    private readonly LoginRegistry _logins;
    private readonly LoginService _loginService;
    private readonly PortalRegistry _portals;
    private readonly byte[]? _secretHash;
    private readonly ConcurrentDictionary<string, (UserId Owner, ILoginProcess Process)> _processes = new();

    public ProvisioningApi(NetworkBridge bridge, ProvisioningOptions options)
    {
        _bridge = bridge;
        _logins = bridge.Logins;
        _loginService = bridge.LoginService;
        _portals = bridge.Portals;
        _secretHash = string.IsNullOrEmpty(options.SharedSecret) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(options.SharedSecret));
    }

    /// <summary>Maps the endpoints under <paramref name="pathPrefix"/>.</summary>
    public void Map(IEndpointRouteBuilder endpoints, string pathPrefix = "")
    {
        var g = endpoints.MapGroup(pathPrefix.TrimEnd('/') + Base);
        g.MapGet("/openapi.json", () => Results.Text(ProvisioningOpenApi.Document(pathPrefix.TrimEnd('/') + Base), "application/json"));
        g.MapGet("/flows", (Delegate)((HttpContext ctx) => Authorized(ctx, PermissionLevel.User, _ => Task.FromResult(Flows()))));
        g.MapPost("/login/start/{flowId}", (HttpContext ctx, string flowId) => Authorized(ctx, PermissionLevel.User, user => StartLoginAsync(user, flowId, ctx.RequestAborted)));
        g.MapPost("/login/step/{processId}", (HttpContext ctx, string processId) => Authorized(ctx, PermissionLevel.User, user => StepLoginAsync(ctx, user, processId)));
        g.MapPost("/login/cancel/{processId}", (HttpContext ctx, string processId) => Authorized(ctx, PermissionLevel.User, user => CancelLoginAsync(user, processId, ctx.RequestAborted)));
        g.MapGet("/logins", (Delegate)((HttpContext ctx) => Authorized(ctx, PermissionLevel.User, user => ListLoginsAsync(user, ctx.RequestAborted))));
        g.MapDelete("/logins/{loginId}", (HttpContext ctx, string loginId) => Authorized(ctx, PermissionLevel.User, user => DeleteLoginAsync(user, loginId, ctx.RequestAborted)));
        g.MapGet("/resolve/{identifier}", (HttpContext ctx, string identifier) => Authorized(ctx, PermissionLevel.User, user => ResolveAsync(user, identifier, ctx.RequestAborted)));
        g.MapPost("/bridge", (Delegate)((HttpContext ctx) => Authorized(ctx, PermissionLevel.Admin, user => BridgeAsync(ctx, user))));
        g.MapPost("/unbridge", (Delegate)((HttpContext ctx) => Authorized(ctx, PermissionLevel.Admin, _ => UnbridgeAsync(ctx))));
        g.MapGet("/portals", (Delegate)((HttpContext ctx) => Authorized(ctx, PermissionLevel.User, _ => ListPortalsAsync(ctx.RequestAborted))));
        g.MapPost("/rooms/{roomId}/backfill", (HttpContext ctx, string roomId) => Authorized(ctx, PermissionLevel.Admin, _ => BackfillAsync(ctx, roomId)));
    }

    private async Task<IResult> Authorized(HttpContext ctx, PermissionLevel needed, Func<UserId, Task<IResult>> handler)
    {
        if (_secretHash is null)
        {
            return MatrixErrorResults.Forbidden("Provisioning is disabled: no shared secret is configured.");
        }

        var header = ctx.Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return MatrixErrorResults.Error(StatusCodes.Status401Unauthorized, MatrixErrorCodes.MissingToken, "Missing shared secret.");
        }

        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : string.Empty;
        if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(token)), _secretHash))
        {
            return MatrixErrorResults.Error(StatusCodes.Status403Forbidden, MatrixErrorCodes.UnknownToken, "Wrong shared secret.");
        }

        if (!UserId.TryParse(ctx.Request.Query["user_id"].ToString(), out var user))
        {
            return MatrixErrorResults.Error(StatusCodes.Status400BadRequest, MatrixErrorCodes.MissingParam, "The user_id query parameter must name the acting Matrix user.");
        }

        if (_bridge.PermissionOf(user) < needed)
        {
            return MatrixErrorResults.Forbidden($"{user} may not do this (needs {needed.ToString().ToLowerInvariant()}).");
        }

        try
        {
            return await handler(user).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            return MatrixErrorResults.BadJson(e.Message);
        }
        catch (InvalidOperationException e)
        {
            return ProvisioningErrors.Of(ProvisioningErrors.Conflict, e.Message);
        }
    }

    private IResult Flows() => Json(new JsonObject
    {
        ["flows"] = new JsonArray(_bridge.Connector.LoginFlows.Select(f => (JsonNode)new JsonObject { ["id"] = f.Id, ["name"] = f.Name, ["description"] = f.Description }).ToArray()),
    });

    private async Task<IResult> StartLoginAsync(UserId user, string flowId, CancellationToken ct)
    {
        if (_bridge.Connector.LoginFlows.All(f => f.Id != flowId))
        {
            return ProvisioningErrors.Of(ProvisioningErrors.UnknownFlow, $"No login flow '{flowId}'.");
        }

        var process = await _bridge.Connector.BeginLoginAsync(new BridgeUser(user, _bridge.PermissionOf(user)), flowId, ct).ConfigureAwait(false);
        var id = RandomNumberGenerator.GetHexString(32, lowercase: true);
        _processes[id] = (user, process);
        var step = await process.StartAsync(ct).ConfigureAwait(false);
        return await StepResultAsync(id, user, process, step, ct).ConfigureAwait(false);
    }

    private async Task<IResult> StepLoginAsync(HttpContext ctx, UserId user, string processId)
    {
        if (!_processes.TryGetValue(processId, out var entry) || entry.Owner != user)
        {
            return ProvisioningErrors.Of(ProvisioningErrors.UnknownProcess, "No such login in progress.");
        }

        var body = await JsonNode.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted).ConfigureAwait(false);
        var fields = (body?["fields"] as JsonObject)?.ToDictionary(kv => kv.Key, kv => kv.Value?.GetValue<string>() ?? string.Empty) ?? [];
        var step = await entry.Process.SubmitAsync(fields, ctx.RequestAborted).ConfigureAwait(false);
        return await StepResultAsync(processId, user, entry.Process, step, ctx.RequestAborted).ConfigureAwait(false);
    }

    private async Task<IResult> StepResultAsync(string processId, UserId user, ILoginProcess process, LoginStep step, CancellationToken ct)
    {
        var json = new JsonObject { ["process_id"] = processId, ["instructions"] = step.Instructions };
        switch (step)
        {
            case LoginStep.UserInput input:
                json["type"] = "user_input";
                json["fields"] = new JsonArray(input.Fields.Select(f => (JsonNode)new JsonObject { ["id"] = f.Id, ["name"] = f.Name, ["secret"] = f.IsSecret }).ToArray());
                break;
            case LoginStep.DisplayAndWait wait:
                json["type"] = "display_and_wait";
                json["code"] = wait.Code;
                break;
            case LoginStep.Complete complete:
                _processes.TryRemove(processId, out _);
                await _loginService.CompleteAsync(complete.Login with { UserId = user }, ct).ConfigureAwait(false);
                await process.DisposeAsync().ConfigureAwait(false);
                json["type"] = "complete";
                json["login"] = new JsonObject { ["id"] = complete.Login.Id.Value, ["remote_name"] = complete.Login.RemoteName };
                break;
        }

        return Json(json);
    }

    private async Task<IResult> CancelLoginAsync(UserId user, string processId, CancellationToken ct)
    {
        if (!_processes.TryGetValue(processId, out var entry) || entry.Owner != user || !_processes.TryRemove(processId, out _))
        {
            return ProvisioningErrors.Of(ProvisioningErrors.UnknownProcess, "No such login in progress.");
        }

        await entry.Process.CancelAsync(ct).ConfigureAwait(false);
        await entry.Process.DisposeAsync().ConfigureAwait(false);
        return Json(new JsonObject());
    }

    private async Task<IResult> ListLoginsAsync(UserId user, CancellationToken ct)
    {
        var logins = await _bridge.Stores.Logins.ListForUserAsync(user, ct).ConfigureAwait(false);
        return Json(new JsonObject
        {
            ["logins"] = new JsonArray(logins.Select(l => (JsonNode)new JsonObject
            {
                ["id"] = l.Id.Value, ["remote_name"] = l.RemoteName, ["connected"] = _logins.ClientFor(l.Id) is not null,
            }).ToArray()),
        });
    }

    private async Task<IResult> DeleteLoginAsync(UserId user, string loginId, CancellationToken ct)
    {
        var login = await _bridge.Stores.Logins.GetAsync(new UserLoginId(loginId), ct).ConfigureAwait(false);
        if (login is null || login.UserId != user)
        {
            return ProvisioningErrors.Of(ProvisioningErrors.UnknownLogin, $"No login '{loginId}' of {user}.");
        }

        await _loginService.LogoutAsync(login, ct).ConfigureAwait(false);
        return Json(new JsonObject());
    }

    private async Task<IResult> ResolveAsync(UserId user, string identifier, CancellationToken ct)
    {
        var key = await _bridge.ResolveIdentifierAsync(user, identifier, ct).ConfigureAwait(false);
        if (key is not { } k)
        {
            return ProvisioningErrors.Of(ProvisioningErrors.NotResolved, $"Nothing matches '{identifier}'.");
        }

        var room = await _bridge.GetPortalRoomAsync(k, ct).ConfigureAwait(false);
        return Json(new JsonObject { ["portal_id"] = k.Id.Value, ["receiver"] = k.Receiver?.Value, ["room_id"] = room?.Value });
    }

    /// <summary>Body: <c>room_id</c> and either <c>portal_id</c> (as the network stores it) or <c>identifier</c>
    /// (what a user would type, e.g. <c>libera #matrix</c>, resolved by the network like the <c>bridge</c> command).</summary>
    private async Task<IResult> BridgeAsync(HttpContext ctx, UserId user)
    {
        var body = await JsonNode.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted).ConfigureAwait(false);
        if (!RoomId.TryParse(body?["room_id"]?.GetValue<string>(), out var room))
        {
            return MatrixErrorResults.BadJson("The body needs room_id, and portal_id or identifier.");
        }

        PortalKey key;
        if (body?["portal_id"]?.GetValue<string>() is { Length: > 0 } portalId)
        {
            key = new PortalKey(new PortalId(portalId));
        }
        else if (body?["identifier"]?.GetValue<string>() is { Length: > 0 } identifier)
        {
            if (await _bridge.ResolveIdentifierAsync(user, identifier, ctx.RequestAborted).ConfigureAwait(false) is not { } resolved)
            {
                return ProvisioningErrors.Of(ProvisioningErrors.NotResolved, $"No chat was found for {identifier}.");
            }

            key = resolved;
        }
        else
        {
            return MatrixErrorResults.BadJson("The body needs room_id, and portal_id or identifier.");
        }

        await _bridge.BridgeRoomAsync(room, key, ctx.RequestAborted).ConfigureAwait(false);
        return Json(new JsonObject { ["room_id"] = room.Value, ["portal_id"] = key.Id.Value });
    }

    private async Task<IResult> UnbridgeAsync(HttpContext ctx)
    {
        var body = await JsonNode.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted).ConfigureAwait(false);
        if (!RoomId.TryParse(body?["room_id"]?.GetValue<string>(), out var room))
        {
            return MatrixErrorResults.BadJson("The body needs room_id.");
        }

        return await _bridge.UnbridgeRoomAsync(room, ctx.RequestAborted).ConfigureAwait(false)
            ? Json(new JsonObject())
            : ProvisioningErrors.Of(ProvisioningErrors.NotBridged, $"{room} is not bridged.");
    }

    private async Task<IResult> ListPortalsAsync(CancellationToken ct)
    {
        var portals = await _bridge.Stores.Portals.ListAsync(ct).ConfigureAwait(false);
        return Json(new JsonObject
        {
            ["portals"] = new JsonArray(portals.Select(p => (JsonNode)new JsonObject
            {
                ["portal_id"] = p.Key.Id.Value, ["receiver"] = p.Key.Receiver?.Value, ["room_id"] = p.RoomId?.Value, ["name"] = p.Name,
            }).ToArray()),
        });
    }

    private static IResult Json(JsonObject json) => Results.Text(json.ToJsonString(), "application/json");
}
