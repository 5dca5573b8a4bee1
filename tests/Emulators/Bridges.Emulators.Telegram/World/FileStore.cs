using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Bridges.Emulators.Telegram.World;

/// <summary>Every file uploaded by bots or sent by simulated users.</summary>
internal sealed class FileStore
{
    private const string IdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    // Telegram's photo size ladder (s, m, x, y, w): smaller sizes are offered below the original.
    private static readonly int[] PhotoSides = [90, 320, 800, 1280, 2560];

    private readonly Dictionary<string, StoredFile> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StoredFile> _byPath = new(StringComparer.Ordinal);
    private int _counter;

    public StoredFile? Find(string fileId) => _byId.GetValueOrDefault(fileId);

    public StoredFile? FindByPath(string filePath) => _byPath.GetValueOrDefault(filePath);

    public StoredFile Add(string kind, byte[] content, string extension)
    {
        var n = ++_counter;
        var folder = kind switch
        {
            "photo" => "photos",
            "document" => "documents",
            "sticker" => "stickers",
            "voice" => "voice",
            "video" => "videos",
            "animation" => "animations",
            "audio" => "music",
            "profile_photo" => "profile_photos",
            _ => "files",
        };
        var prefix = kind switch
        {
            "photo" or "profile_photo" or "chat_photo" => "AgAC",
            "sticker" => "CAAC",
            "voice" => "AwAC",
            "video" => "BAAC",
            "animation" => "CgAC",
            "audio" => "CQAC",
            _ => "BQAC",
        };
        var file = new StoredFile(
            prefix + RandomNumberGenerator.GetString(IdAlphabet, 60),
            "AQAD" + RandomNumberGenerator.GetString(IdAlphabet, 12),
            kind,
            content,
            $"{folder}/file_{n}.{extension.TrimStart('.')}");
        _byId[file.FileId] = file;
        _byPath[file.FilePath] = file;
        return file;
    }

    /// <summary>
    /// Stores a photo and returns its PhotoSize list, smallest first. The emulator does not resize images: every
    /// size downloads as the original bytes, only the reported width and height differ.
    /// </summary>
    public JsonArray AddPhoto(string kind, byte[] content, int width, int height, string extension)
    {
        var sizes = new JsonArray();
        var longest = Math.Max(width, height);
        foreach (var side in PhotoSides.Where(s => s < longest))
        {
            sizes.Add(Size(side * width / longest, side * height / longest));
        }

        // The largest rung (2560) is the cap: bigger originals are only offered scaled down to it.
        if (longest <= PhotoSides[^1])
        {
            sizes.Add(Size(width, height));
        }

        return sizes;

        JsonObject Size(int w, int h)
        {
            var file = Add(kind, content, extension);
            file.PhotoSizes = sizes;
            return new JsonObject
            {
                ["file_id"] = file.FileId,
                ["file_unique_id"] = file.UniqueId,
                ["file_size"] = content.Length,
                ["width"] = Math.Max(1, w),
                ["height"] = Math.Max(1, h),
            };
        }
    }
}
