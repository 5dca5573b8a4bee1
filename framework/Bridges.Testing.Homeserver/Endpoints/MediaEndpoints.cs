using System.Globalization;
using System.Text.Json.Nodes;
using Bridges.Testing.Homeserver.Http;
using Bridges.Testing.Homeserver.Model;

namespace Bridges.Testing.Homeserver.Endpoints;

/// <summary>
/// Media: upload (direct and via <c>/create</c>), authenticated download and thumbnail (the original is returned),
/// config. The unauthenticated <c>/_matrix/media/v3/download</c> and <c>thumbnail</c> answer 404, as servers do
/// since authenticated media was frozen in.
/// </summary>
internal sealed class MediaEndpoints(HomeserverServices s)
{
    private const string Legacy = "/_matrix/media/v3";
    private const string Authed = "/_matrix/client/v1/media";
    private static readonly TimeSpan ReservationLifetime = TimeSpan.FromHours(24);
    private readonly HomeserverContext _ctx = s.Ctx;

    public void Map(Router r)
    {
        r.Add("POST", Legacy + "/upload", RouteAuth.Required, (rc, _) => Task.FromResult(Upload(rc, null)), rawBody: true);
        r.Add("PUT", Legacy + "/upload/{serverName}/{mediaId}", RouteAuth.Required, (rc, _) => Task.FromResult(Upload(rc, rc.Param("mediaId"))), rawBody: true);
        r.Add("POST", "/_matrix/media/v1/create", RouteAuth.Required, (rc, _) => Task.FromResult(Create(rc)));
        r.Add("GET", Authed + "/config", RouteAuth.Required, (_, _) => Task.FromResult(MatrixResult.Ok(
            new JsonObject { ["m.upload.size"] = _ctx.Options.MaxUploadBytes })));
        r.Add("GET", Authed + "/download/{serverName}/{mediaId}", RouteAuth.Required, (rc, _) => Task.FromResult(Download(rc)));
        r.Add("GET", Authed + "/download/{serverName}/{mediaId}/{fileName}", RouteAuth.Required, (rc, _) => Task.FromResult(Download(rc)));
        r.Add("GET", Authed + "/thumbnail/{serverName}/{mediaId}", RouteAuth.Required, (rc, _) => Task.FromResult(Download(rc)));
        r.Add("GET", Legacy + "/download/{serverName}/{mediaId}", RouteAuth.None, (_, _) => throw FrozenLegacy());
        r.Add("GET", Legacy + "/download/{serverName}/{mediaId}/{fileName}", RouteAuth.None, (_, _) => throw FrozenLegacy());
        r.Add("GET", Legacy + "/thumbnail/{serverName}/{mediaId}", RouteAuth.None, (_, _) => throw FrozenLegacy());
    }

    private static MatrixException FrozenLegacy() => MatrixError.NotFound("Not found (unauthenticated media is frozen)");

    private MatrixResult Upload(RequestContext rc, string? reservedId)
    {
        var contentType = rc.Http.Request.ContentType ?? "application/octet-stream";
        lock (_ctx.Gate)
        {
            MediaItem item;
            if (reservedId is null)
            {
                item = new MediaItem(Ids.MediaId(), rc.User.UserId);
                _ctx.Media[item.MediaId] = item;
            }
            else
            {
                if (rc.Param("serverName") != _ctx.ServerName || !_ctx.Media.TryGetValue(reservedId, out item!))
                {
                    throw MatrixError.NotFound("Unknown media id");
                }

                if (item.Owner != rc.User.UserId)
                {
                    throw MatrixError.Forbidden("This media id was reserved by another user");
                }

                if (item.Content is not null)
                {
                    throw MatrixError.Create(409, "M_CANNOT_OVERWRITE_MEDIA", "Media already uploaded");
                }
            }

            item.Content = rc.RawBody;
            item.ContentType = contentType;
            item.FileName = rc.Query("filename");
            return reservedId is null
                ? MatrixResult.Ok(new JsonObject { ["content_uri"] = $"mxc://{_ctx.ServerName}/{item.MediaId}" })
                : MatrixResult.Empty();
        }
    }

    private MatrixResult Create(RequestContext rc)
    {
        lock (_ctx.Gate)
        {
            var expires = _ctx.Time.GetUtcNow() + ReservationLifetime;
            var item = new MediaItem(Ids.MediaId(), rc.User.UserId) { ReservedUntilMs = expires.ToUnixTimeMilliseconds() };
            _ctx.Media[item.MediaId] = item;
            return MatrixResult.Ok(new JsonObject
            {
                ["content_uri"] = $"mxc://{_ctx.ServerName}/{item.MediaId}",
                ["unused_expires_at"] = item.ReservedUntilMs,
            });
        }
    }

    private MatrixResult Download(RequestContext rc)
    {
        lock (_ctx.Gate)
        {
            if (rc.Param("serverName") != _ctx.ServerName || !_ctx.Media.TryGetValue(rc.Param("mediaId"), out var item))
            {
                throw MatrixError.NotFound("Media not found");
            }

            if (item.Content is null)
            {
                throw MatrixError.Create(504, "M_NOT_YET_UPLOADED", "Media has not been uploaded yet");
            }

            var result = new MatrixResult { Bytes = item.Content, ContentType = item.ContentType };
            var fileName = rc.Parameters.GetValueOrDefault("fileName") ?? item.FileName;
            var disposition = IsInline(item.ContentType) ? "inline" : "attachment";
            result.Headers["Content-Disposition"] = fileName is null
                ? disposition
                : $"{disposition}; filename*=utf-8''{Uri.EscapeDataString(fileName)}";
            result.Headers["Content-Security-Policy"] = "sandbox; default-src 'none'; script-src 'none'; plugin-types application/pdf; style-src 'unsafe-inline'; media-src 'self'; object-src 'self';";
            result.Headers["Cache-Control"] = string.Create(CultureInfo.InvariantCulture, $"private, max-age={86400}");
            return result;
        }
    }

    private static bool IsInline(string contentType) =>
        contentType.StartsWith("image/", StringComparison.Ordinal) || contentType.StartsWith("video/", StringComparison.Ordinal) ||
        contentType.StartsWith("audio/", StringComparison.Ordinal) || contentType.StartsWith("text/plain", StringComparison.Ordinal);
}
