using System.Text.Json.Nodes;
using Bridges.Emulators.Telegram.World;

namespace Bridges.Emulators.Telegram.Methods;

/// <summary>sendPhoto, sendDocument, sendSticker, sendVoice, sendVideo, sendAnimation, sendAudio and getFile.</summary>
internal static class MediaMethods
{
    public static void Register(MethodTable table)
    {
        foreach (var kind in new[] { "photo", "document", "sticker", "voice", "video", "animation", "audio" })
        {
            table.Add("send" + char.ToUpperInvariant(kind[0]) + kind[1..], ctx => SendAsync(ctx, kind));
        }

        table.Add("getFile", GetFile);
    }

    private static async Task<JsonNode> SendAsync(MethodContext ctx, string kind)
    {
        var input = await MediaInput.ResolveAsync(ctx, kind);
        if (kind == "photo" && input.Content is { } content)
        {
            CheckPhoto(ctx, content);
        }

        lock (ctx.World.Gate)
        {
            var chat = ctx.Chat();
            var caption = kind == "sticker" ? null : Posting.Format(ctx, "caption", "caption_entities");
            var (media, document) = input.Existing is { } existing ? Reuse(existing, kind) : Store(ctx, kind, input);
            var message = Posting.Post(ctx, chat, json =>
            {
                json[kind] = media;
                if (document is not null)
                {
                    // An animation also appears as a document, "for backward compatibility" per the Message docs.
                    json["document"] = document;
                }

                if (caption is not null)
                {
                    Posting.SetCaption(json, caption);
                }

                if (ctx.Bool("show_caption_above_media"))
                {
                    json["show_caption_above_media"] = true;
                }

                if (ctx.Bool("has_spoiler"))
                {
                    json["has_media_spoiler"] = true;
                }
            });
            return message.Json.DeepClone();
        }
    }

    /// <summary>
    /// sendPhoto's documented limits: at most 10 MB, width + height at most 10000, and a ratio of at most 20; Telegram
    /// refuses other photos (they can go as documents).
    /// </summary>
    private static void CheckPhoto(MethodContext ctx, byte[] content)
    {
        if (content.Length > ctx.World.Options.MaxPhotoBytes)
        {
            throw BotApiException.BadRequest("PHOTO_SAVE_FILE_INVALID");
        }

        if (ImageInfo.Read(content) is { } image
            && (image.Width + image.Height > 10_000 || Math.Max(image.Width, image.Height) > 20.0 * Math.Min(image.Width, image.Height)))
        {
            throw BotApiException.BadRequest("PHOTO_INVALID_DIMENSIONS");
        }
    }

    private static (JsonNode Media, JsonNode? Document) Reuse(StoredFile file, string kind)
    {
        var compatible = file.Kind == kind || (kind == "document" && file.Kind == "animation") || (kind == "animation" && file.Kind == "document");
        if (!compatible)
        {
            throw BotApiException.BadRequest("type of file mismatch");
        }

        if (kind == "photo")
        {
            return (file.PhotoSizes!.DeepClone(), null);
        }

        var media = file.Media!.DeepClone();
        return (media, kind == "animation" ? MediaFactory.DocumentOf((JsonObject)media) : null);
    }

    private static (JsonNode Media, JsonNode? Document) Store(MethodContext ctx, string kind, MediaInput input) =>
        MediaFactory.Create(ctx.World.Files, kind, input.Content!, input.FileName, input.ContentType,
            new MediaFactory.Details(ctx.Int("duration"), ctx.Int("width"), ctx.Int("height"), ctx.String("performer"),
                ctx.String("title"), ctx.String("emoji")));

    private static JsonNode GetFile(MethodContext ctx)
    {
        lock (ctx.World.Gate)
        {
            var file = ctx.World.Files.Find(ctx.String("file_id")!) ?? throw BotApiException.BadRequest("invalid file_id");
            if (file.Content.Length > ctx.World.Options.MaxDownloadBytes)
            {
                throw BotApiException.BadRequest("file is too big");
            }

            return new JsonObject
            {
                ["file_id"] = file.FileId,
                ["file_unique_id"] = file.UniqueId,
                ["file_size"] = file.Content.Length,
                ["file_path"] = file.FilePath,
            };
        }
    }
}
