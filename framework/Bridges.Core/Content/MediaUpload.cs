using Bridges.Matrix.Client;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Content;

/// <summary>Re-uploads remote media to the homeserver within the configured size limit.</summary>
internal static class MediaUpload
{
    public static async Task<MxcUri> UploadAsync(Intent intent, MediaSource media, long maxBytes, CancellationToken ct)
    {
        if (media.Size > maxBytes)
        {
            throw new MediaTooLargeException(media.FileName, media.Size.Value, maxBytes);
        }

        // Buffer once (bounded by the limit) so a retried upload can replay the body.
        using var buffer = new MemoryStream();
        var source = await media.OpenAsync(ct).ConfigureAwait(false);
        await using (source.ConfigureAwait(false))
        {
            var chunk = new byte[81920];
            int read;
            while ((read = await source.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw new MediaTooLargeException(media.FileName, buffer.Length + read, maxBytes);
                }

                buffer.Write(chunk, 0, read);
            }
        }

        var bytes = buffer.ToArray();
        return await intent.UploadAsync(() => new MemoryStream(bytes, writable: false), media.MimeType, media.FileName, ct).ConfigureAwait(false);
    }
}
