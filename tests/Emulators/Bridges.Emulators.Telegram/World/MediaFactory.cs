using System.Text.Json.Nodes;

namespace Bridges.Emulators.Telegram.World;

/// <summary>Describes a media file the way a Message carries it (PhotoSize list, Document, Video, …).</summary>
internal static class MediaFactory
{
    /// <summary>Extra facts a client states about a file (Telegram would read them from the file itself).</summary>
    internal sealed record Details(int? Duration = null, int? Width = null, int? Height = null, string? Performer = null,
        string? Title = null, string? Emoji = null);

    /// <summary>
    /// Stores <paramref name="content"/> and returns the media object for <paramref name="kind"/>, plus the document
    /// an animation also carries. Throws IMAGE_PROCESS_FAILED / STICKER_INVALID for files Telegram would refuse.
    /// </summary>
    public static (JsonNode Media, JsonObject? Document) Create(FileStore files, string kind, byte[] content, string? fileName,
        string? contentType, Details details)
    {
        if (kind == "photo")
        {
            var image = ImageInfo.Read(content) ?? throw BotApiException.BadRequest("IMAGE_PROCESS_FAILED");
            // Telegram re-encodes photos as JPEG, hence the file path extension.
            return (files.AddPhoto("photo", content, image.Width, image.Height, "jpg"), null);
        }

        var extension = Path.GetExtension(fileName ?? "").TrimStart('.') is { Length: > 0 } e ? e.ToLowerInvariant() : DefaultExtension(kind);
        var media = new JsonObject();
        if (kind == "sticker")
        {
            StickerFields(media, content, details.Emoji);
        }

        var file = files.Add(kind, content, extension);
        media["file_id"] = file.FileId;
        media["file_unique_id"] = file.UniqueId;
        switch (kind)
        {
            case "voice" or "audio":
                media["duration"] = details.Duration ?? 0;
                break;
            case "video" or "animation":
                media["width"] = details.Width ?? 0;
                media["height"] = details.Height ?? 0;
                media["duration"] = details.Duration ?? 0;
                break;
        }

        if (kind == "audio")
        {
            if (details.Performer is not null)
            {
                media["performer"] = details.Performer;
            }

            if (details.Title is not null)
            {
                media["title"] = details.Title;
            }
        }

        if (kind is "document" or "video" or "animation" or "audio" && fileName is { Length: > 0 })
        {
            media["file_name"] = fileName;
        }

        if (kind != "sticker")
        {
            media["mime_type"] = MimeType(kind, extension, contentType);
        }

        media["file_size"] = content.Length;
        file.Media = media;
        return (media.DeepClone(), kind == "animation" ? DocumentOf(media) : null);
    }

    public static JsonObject DocumentOf(JsonObject media)
    {
        var document = new JsonObject { ["file_id"] = media["file_id"]!.DeepClone(), ["file_unique_id"] = media["file_unique_id"]!.DeepClone() };
        foreach (var key in new[] { "file_name", "mime_type", "file_size" })
        {
            if (media[key] is { } value)
            {
                document[key] = value.DeepClone();
            }
        }

        return document;
    }

    private static void StickerFields(JsonObject media, byte[] content, string? emoji)
    {
        var isAnimated = content is [0x1F, 0x8B, ..]; // .tgs is gzip-compressed Lottie
        var isVideo = content is [0x1A, 0x45, 0xDF, 0xA3, ..]; // .webm (EBML)
        var image = isAnimated || isVideo ? null : ImageInfo.Read(content);
        if (!isAnimated && !isVideo && image is null)
        {
            throw BotApiException.BadRequest("STICKER_INVALID");
        }

        media["type"] = "regular";
        media["width"] = image?.Width ?? 512;
        media["height"] = image?.Height ?? 512;
        media["is_animated"] = isAnimated;
        media["is_video"] = isVideo;
        if (emoji is not null)
        {
            media["emoji"] = emoji;
        }
    }

    private static string DefaultExtension(string kind) => kind switch
    {
        "sticker" => "webp",
        "voice" => "oga",
        "video" or "animation" => "mp4",
        "audio" => "mp3",
        _ => "bin",
    };

    private static string MimeType(string kind, string extension, string? contentType) => kind switch
    {
        "voice" => "audio/ogg",
        "video" or "animation" => "video/mp4",
        "audio" => extension == "ogg" ? "audio/ogg" : "audio/mpeg",
        _ => extension switch
        {
            "txt" => "text/plain",
            "pdf" => "application/pdf",
            "png" => "image/png",
            "jpg" or "jpeg" => "image/jpeg",
            "gif" => "image/gif",
            "zip" => "application/zip",
            "json" => "application/json",
            _ => contentType is { Length: > 0 } ct && ct != "application/octet-stream" ? ct : "application/octet-stream",
        },
    };
}
