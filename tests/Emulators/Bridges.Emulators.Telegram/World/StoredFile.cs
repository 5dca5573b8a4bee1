using System.Text.Json.Nodes;

namespace Bridges.Emulators.Telegram.World;

/// <summary>A file held by the emulator, reachable by file_id (for reuse and getFile) and by file_path (download).</summary>
internal sealed class StoredFile(string fileId, string uniqueId, string kind, byte[] content, string filePath)
{
    public string FileId { get; } = fileId;

    public string UniqueId { get; } = uniqueId;

    /// <summary>photo, document, sticker, voice, video, animation, audio, profile_photo or chat_photo.</summary>
    public string Kind { get; } = kind;

    public byte[] Content { get; } = content;

    public string FilePath { get; } = filePath;

    /// <summary>The media object (Document, Video, …) first sent with this file, reused when the file_id is sent again.</summary>
    public JsonObject? Media { get; set; }

    /// <summary>For a photo: every size of it, so that sending any size's file_id again shows the whole photo.</summary>
    public JsonArray? PhotoSizes { get; set; }
}
