using System.Text.Json;
using System.Text.Json.Nodes;
using Bridges.Testing.Homeserver.Http;
using Bridges.Testing.Homeserver.Model;

namespace Bridges.Testing.Homeserver.Endpoints;

/// <summary><c>GET /sync</c>. Of filters only <c>room.timeline.limit</c> is honoured.</summary>
internal sealed class SyncEndpoints(HomeserverServices s)
{
    private const int DefaultTimelineLimit = 10;
    private readonly HomeserverContext _ctx = s.Ctx;

    public void Map(Router r) =>
        r.Add("GET", "/_matrix/client/v3/sync", RouteAuth.Required, SyncAsync);

    private async Task<MatrixResult> SyncAsync(RequestContext rc, CancellationToken ct)
    {
        var limit = TimelineLimit(rc);
        var fullState = rc.Query("full_state") == "true";
        var timeout = rc.QueryInt("timeout", 0);
        if (rc.Query("set_presence") is { } presence)
        {
            lock (_ctx.Gate)
            {
                var account = _ctx.Users[rc.User.UserId];
                if (account.Presence != presence)
                {
                    s.Ephemeral.SetPresence(account, presence, account.StatusMessage);
                }
            }
        }

        var response = await s.Sync.SyncAsync(rc.User, rc.Query("since"), fullState, timeout, limit, ct);
        return MatrixResult.Ok(response);
    }

    private int TimelineLimit(RequestContext rc)
    {
        var filterParam = rc.Query("filter");
        if (filterParam is null)
        {
            return DefaultTimelineLimit;
        }

        JsonObject? filter;
        if (filterParam.TrimStart().StartsWith('{'))
        {
            try
            {
                filter = JsonNode.Parse(filterParam) as JsonObject;
            }
            catch (JsonException)
            {
                throw MatrixError.NotJson("filter is not valid JSON");
            }
        }
        else
        {
            lock (_ctx.Gate)
            {
                filter = _ctx.Users[rc.User.UserId].Filters.GetValueOrDefault(filterParam)
                    ?? throw MatrixError.InvalidParam($"Unknown filter {filterParam}");
            }
        }

        return filter?["room"]?["timeline"]?["limit"] is JsonValue value && value.TryGetValue<int>(out var limit) && limit > 0
            ? limit
            : DefaultTimelineLimit;
    }
}
