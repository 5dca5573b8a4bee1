using Bridges.Matrix.Client;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Content;

/// <summary>Re-uploads remote media to the homeserver within the configured size limit.</summary>
internal static class MediaUpload
{
    public static async Task<MxcUri> UploadAsync(Intent intent, MediaSource media, long maxBytes, CancellationToken ct)
    {
        // Buffered once (bounded by the limit) so a retried upload can replay the body.
        var bytes = await media.ReadAllAsync(maxBytes, ct).ConfigureAwait(false);
        return await intent.UploadAsync(() => new MemoryStream(bytes, writable: false), media.MimeType, media.FileName, ct).ConfigureAwait(false);
    }
}
