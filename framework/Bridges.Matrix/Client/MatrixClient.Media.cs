using System.Net.Http.Headers;
using Bridges.Matrix.Ids;

namespace Bridges.Matrix.Client;

public sealed partial class MatrixClient
{
    /// <summary>Uploads media and returns its content URI. The stream factory is called once per attempt.</summary>
    public async Task<MxcUri> UploadAsync(Func<Stream> content, string contentType, string? fileName, UserId? asUser, CancellationToken ct)
    {
        var path = "_matrix/media/v3/upload" + (fileName is null ? string.Empty : "?filename=" + Uri.EscapeDataString(fileName));
        var response = await SendRawAsync(HttpMethod.Post, path, asUser, () =>
        {
            var body = new StreamContent(content());
            body.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            return body;
        }, ClientJsonContext.Default.ContentUriResponse, ct).ConfigureAwait(false);
        return MxcUri.Parse(response.ContentUri);
    }

    /// <summary>Downloads media over authenticated media (<c>/_matrix/client/v1/media/download</c>).</summary>
    public async Task<DownloadedMedia> DownloadAsync(MxcUri uri, UserId? asUser, CancellationToken ct)
    {
        var response = await SendForResponseAsync(HttpMethod.Get, $"_matrix/client/v1/media/download/{Esc(uri.Server)}/{Esc(uri.MediaId)}", asUser, static () => null, ct).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        return new DownloadedMedia(response, stream);
    }
}
