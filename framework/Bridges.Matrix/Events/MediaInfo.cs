using System.Text.Json.Serialization;
using Bridges.Matrix.Ids;

namespace Bridges.Matrix.Events;

/// <summary>The <c>info</c> object of media messages.</summary>
public sealed record MediaInfo
{
    [JsonPropertyName("mimetype")]
    public string? MimeType { get; init; }

    [JsonPropertyName("size")]
    public long? Size { get; init; }

    [JsonPropertyName("w")]
    public int? Width { get; init; }

    [JsonPropertyName("h")]
    public int? Height { get; init; }

    /// <summary>Duration in milliseconds for audio and video.</summary>
    [JsonPropertyName("duration")]
    public long? Duration { get; init; }

    [JsonPropertyName("thumbnail_url")]
    public MxcUri? ThumbnailUrl { get; init; }
}
