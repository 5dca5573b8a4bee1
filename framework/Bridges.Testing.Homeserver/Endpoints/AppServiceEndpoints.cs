using System.Text.Json.Nodes;
using Bridges.Testing.Homeserver.Http;
using Bridges.Testing.Homeserver.Model;

namespace Bridges.Testing.Homeserver.Endpoints;

/// <summary><c>POST /_matrix/client/v1/appservice/{appserviceId}/ping</c>.</summary>
internal sealed class AppServiceEndpoints(HomeserverServices s)
{
    private readonly HomeserverContext _ctx = s.Ctx;

    public void Map(Router r) =>
        r.Add("POST", "/_matrix/client/v1/appservice/{appserviceId}/ping", RouteAuth.Required, PingAsync);

    private async Task<MatrixResult> PingAsync(RequestContext rc, CancellationToken ct)
    {
        var service = rc.User.AppService;
        if (service is null || service.Id != rc.Param("appserviceId"))
        {
            throw MatrixError.Forbidden("Provided access token is not the appservice's as_token");
        }

        if (service.Url is null)
        {
            throw MatrixError.Create(400, "M_URL_NOT_SET", "Application service doesn't have a URL configured");
        }

        var body = new JsonObject();
        if (rc.BodyString("transaction_id") is { } txnId)
        {
            body["transaction_id"] = txnId;
        }

        var started = _ctx.Time.GetTimestamp();
        var response = await _ctx.AppServices.Client.SendAsync(service, HttpMethod.Post, "/_matrix/app/v1/ping", body, ct);
        var elapsed = _ctx.Time.GetElapsedTime(started);
        if (response.TimedOut)
        {
            throw MatrixError.Create(504, "M_CONNECTION_TIMEOUT", "Connection to application service timed out");
        }

        if (response.Status is null)
        {
            throw MatrixError.Create(502, "M_CONNECTION_FAILED", "Connection to application service failed: " + response.Error);
        }

        if (!response.IsOk)
        {
            throw MatrixError.Create(502, "M_BAD_STATUS", $"Ping returned status {response.Status}", new JsonObject
            {
                ["status"] = response.Status,
                ["body"] = response.Body ?? "",
            });
        }

        return MatrixResult.Ok(new JsonObject { ["duration_ms"] = (long)elapsed.TotalMilliseconds });
    }
}
