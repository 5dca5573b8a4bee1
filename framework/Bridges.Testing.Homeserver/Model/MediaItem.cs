namespace Bridges.Testing.Homeserver.Model;

/// <summary>Uploaded (or reserved, via <c>/create</c>) media.</summary>
internal sealed class MediaItem(string mediaId, string owner)
{
    public string MediaId { get; } = mediaId;

    public string Owner { get; } = owner;

    public byte[]? Content { get; set; }

    public string ContentType { get; set; } = "application/octet-stream";

    public string? FileName { get; set; }

    public long? ReservedUntilMs { get; set; }
}
