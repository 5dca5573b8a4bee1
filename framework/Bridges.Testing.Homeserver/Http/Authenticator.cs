using Bridges.Testing.Homeserver.Model;
using Microsoft.AspNetCore.Http;

namespace Bridges.Testing.Homeserver.Http;

/// <summary>
/// Access tokens: <c>Authorization: Bearer</c> or <c>access_token</c>. An <c>as_token</c> acts as the appservice's
/// bot, or as <c>?user_id=</c> when that user is registered and in one of its user namespaces.
/// </summary>
internal sealed class Authenticator(HomeserverContext ctx)
{
    public static string? Token(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        return http.Request.Query.TryGetValue("access_token", out var values) && values.Count > 0 ? values[^1] : null;
    }

    public Requester Authenticate(HttpContext http)
    {
        var token = Token(http) ?? throw MatrixError.MissingToken();
        var asserted = http.Request.Query.TryGetValue("user_id", out var values) && values.Count > 0 ? values[^1] : null;
        lock (ctx.Gate)
        {
            if (ctx.AppServices.ByAsToken(token) is { } service)
            {
                var userId = asserted ?? service.SenderUserId(ctx.ServerName);
                if (!service.IsInterestedInUser(userId, ctx.ServerName))
                {
                    throw MatrixError.Forbidden($"Application service cannot masquerade as this user ({userId}).");
                }

                if (!ctx.Users.ContainsKey(userId))
                {
                    throw MatrixError.Forbidden($"Application service has not registered this user ({userId})");
                }

                // Synapse keys an appservice's transaction ids by the appservice alone, whoever it asserts: two
                // ghosts using one txn id in the same room get the first one's event.
                return new Requester(userId, null, $"as:{service.Id}", service);
            }

            if (!ctx.Tokens.TryGetValue(token, out var info))
            {
                throw MatrixError.UnknownToken();
            }

            if (asserted is not null)
            {
                throw MatrixError.Forbidden("Only application services can use the user_id parameter");
            }

            return new Requester(info.UserId, info.DeviceId, $"device:{info.UserId}/{info.DeviceId}", null);
        }
    }

    /// <summary>The user a request would act as, or null; never throws (for failure-injection matching).</summary>
    public string? Peek(HttpContext http)
    {
        try
        {
            return Token(http) is null ? null : Authenticate(http).UserId;
        }
        catch (MatrixException)
        {
            return null;
        }
    }
}
