namespace Bridges.Matrix.Client;

/// <summary>A media download in progress; dispose it to release the connection.</summary>
public sealed class DownloadedMedia : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;

    internal DownloadedMedia(HttpResponseMessage response, Stream content)
    {
        _response = response;
        Content = content;
    }

    /// <summary>The body stream.</summary>
    public Stream Content { get; }

    /// <summary>The content type the homeserver gave, if any.</summary>
    public string? ContentType => _response.Content.Headers.ContentType?.ToString();

    /// <summary>The length the homeserver announced, if any.</summary>
    public long? Length => _response.Content.Headers.ContentLength;

    /// <summary>The file name from Content-Disposition, if any.</summary>
    public string? FileName => _response.Content.Headers.ContentDisposition?.FileNameStar ?? _response.Content.Headers.ContentDisposition?.FileName?.Trim('"');

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Content.DisposeAsync().ConfigureAwait(false);
        _response.Dispose();
    }
}
