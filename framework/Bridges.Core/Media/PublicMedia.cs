using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Bridges.Core.Bridge;
using Bridges.Matrix.Client;
using Bridges.Core.Network;
using Bridges.Matrix.Errors;
using Bridges.Matrix.Ids;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Bridges.Core.Media;

/// <summary>
/// Serves Matrix media at signed URLs on the bridge's listener (<c>{prefix}/_bridges/media/{signature}/{server}/{id}/{name}</c>),
/// fetched by the bot over authenticated media. The signature covers server and media id, so only media the bridge
/// linked can be fetched, and the listener never becomes an open proxy for the homeserver's media.
/// </summary>
public sealed class PublicMedia : IMediaLinks
{
    private const string Route = "/_bridges/media";
    private readonly AppServiceIntents _intents;
    private readonly PublicMediaOptions _options;
    private readonly byte[] _key;
    private readonly ILogger _logger;
    private string? _baseUrl;

    internal PublicMedia(BridgeContext env, PublicMediaOptions options)
    {
        _intents = env.Intents;
        _options = options;
        // Derived rather than random so links in remote chat logs outlive restarts.
        _key = string.IsNullOrEmpty(options.SigningKey)
            ? HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(env.Intents.Registration.AsToken), 32, info: "bridges public media"u8.ToArray())
            : SHA256.HashData(Encoding.UTF8.GetBytes(options.SigningKey));
        _logger = env.LoggerFactory.CreateLogger<PublicMedia>();
    }

    /// <inheritdoc />
    public bool Enabled => _options.Enabled && _baseUrl is not null;

    /// <summary>Maps the endpoint; <paramref name="publicBaseUrl"/> is how remote users reach this listener and prefix.</summary>
    public void Map(IEndpointRouteBuilder endpoints, string publicBaseUrl, string pathPrefix = "")
    {
        if (!_options.Enabled)
        {
            return;
        }

        _baseUrl = publicBaseUrl.TrimEnd('/');
        var route = pathPrefix.TrimEnd('/') + Route;
        endpoints.MapGet(route + "/{signature}/{server}/{mediaId}", (HttpContext ctx, string signature, string server, string mediaId) => ServeAsync(ctx, signature, server, mediaId, null));
        endpoints.MapGet(route + "/{signature}/{server}/{mediaId}/{fileName}", (HttpContext ctx, string signature, string server, string mediaId, string fileName) => ServeAsync(ctx, signature, server, mediaId, fileName));
    }

    /// <inheritdoc />
    public string LinkFor(string mxcUri, string? fileName)
    {
        if (!Enabled || !MxcUri.TryParse(mxcUri, out var uri))
        {
            return mxcUri;
        }

        var link = $"{_baseUrl}{Route}/{Sign(uri.Server, uri.MediaId)}/{Uri.EscapeDataString(uri.Server)}/{Uri.EscapeDataString(uri.MediaId)}";
        return string.IsNullOrEmpty(fileName) ? link : link + "/" + Uri.EscapeDataString(fileName);
    }

    /// <inheritdoc />
    public async Task<string> UploadAndLinkAsync(ReadOnlyMemory<byte> content, string mimeType, string fileName, CancellationToken ct)
    {
        var bytes = content.ToArray();
        var uri = await _intents.Bot.UploadAsync(() => new MemoryStream(bytes, writable: false), mimeType, fileName, ct).ConfigureAwait(false);
        return LinkFor(uri.Value, fileName);
    }

    private string Sign(string server, string mediaId)
    {
        var mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(server + "/" + mediaId));
        return Base64Url.EncodeToString(mac.AsSpan(0, 16));
    }

    private async Task<IResult> ServeAsync(HttpContext ctx, string signature, string server, string mediaId, string? fileName)
    {
        var expected = Encoding.ASCII.GetBytes(Sign(server, mediaId));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature)) || !MxcUri.TryParse($"mxc://{server}/{mediaId}", out var uri))
        {
            return MatrixErrorResults.NotFound("No such media link.");
        }

        try
        {
            var media = await _intents.Bot.DownloadAsync(uri, ctx.RequestAborted).ConfigureAwait(false);
            ctx.Response.RegisterForDisposeAsync(media);
            if (media.Length > _options.MaxBytes)
            {
                return MatrixErrorResults.Error(StatusCodes.Status413PayloadTooLarge, MatrixErrorCodes.TooLarge, "The file is larger than this bridge serves.");
            }

            // Whatever users uploaded must not run as a page on the bridge's origin.
            ctx.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
            ctx.Response.Headers.XContentTypeOptions = "nosniff";
            ctx.Response.Headers.CacheControl = "public, max-age=86400, immutable";
            var type = media.ContentType ?? "application/octet-stream";
            var name = fileName ?? media.FileName;
            return Results.Stream(media.Content, type, name, enableRangeProcessing: false);
        }
        catch (MatrixException ex) when (ex.Status == System.Net.HttpStatusCode.NotFound)
        {
            return MatrixErrorResults.NotFound("The media no longer exists.");
        }
        catch (Exception ex) when (ex is MatrixException or HttpRequestException)
        {
            Log.PublicMediaFailed(_logger, uri.Value, ex);
            return MatrixErrorResults.Error(StatusCodes.Status502BadGateway, MatrixErrorCodes.Unknown, "The homeserver did not give the media.");
        }
    }
}
