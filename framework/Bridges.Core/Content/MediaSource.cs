namespace Bridges.Core.Content;

/// <summary>A file on one side, opened lazily so nothing is downloaded unless it is bridged.</summary>
public sealed record MediaSource
{
    /// <summary>MIME type, e.g. <c>image/png</c>.</summary>
    public required string MimeType { get; init; }

    /// <summary>File name.</summary>
    public required string FileName { get; init; }

    /// <summary>Size in bytes, when known up front.</summary>
    public long? Size { get; init; }

    /// <summary>Width and height for images and video.</summary>
    public (int Width, int Height)? Dimensions { get; init; }

    /// <summary>Duration for audio and video.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>For media that came from Matrix: the content URI (networks that post links use it).</summary>
    public string? MatrixUri { get; init; }

    /// <summary>Opens the content.</summary>
    public required Func<CancellationToken, Task<Stream>> OpenAsync { get; init; }

    /// <summary>
    /// Reads the whole content into memory, never more than <paramref name="maxBytes"/>: a file known or found to be
    /// larger throws <see cref="MediaTooLargeException"/> as soon as that is clear.
    /// </summary>
    public async Task<byte[]> ReadAllAsync(long maxBytes, CancellationToken ct)
    {
        if (Size > maxBytes)
        {
            throw new MediaTooLargeException(FileName, Size.Value, maxBytes);
        }

        using var buffer = new MemoryStream();
        var source = await OpenAsync(ct).ConfigureAwait(false);
        await using (source.ConfigureAwait(false))
        {
            var chunk = new byte[81920];
            int read;
            while ((read = await source.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw new MediaTooLargeException(FileName, buffer.Length + read, maxBytes);
                }

                buffer.Write(chunk, 0, read);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The kind of media from the MIME type.</summary>
    public MediaKind Kind => MimeType.Split('/')[0] switch
    {
        "image" => MediaKind.Image,
        "audio" => MediaKind.Audio,
        "video" => MediaKind.Video,
        _ => MediaKind.File,
    };
}
