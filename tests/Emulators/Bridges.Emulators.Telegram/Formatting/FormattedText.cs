using System.Text;
using System.Text.Json.Nodes;
using Bridges.Emulators.Telegram.World;

namespace Bridges.Emulators.Telegram.Formatting;

/// <summary>A text with its MessageEntity objects (offsets and lengths in UTF-16 code units, as on the wire).</summary>
internal sealed record FormattedText(string Text, List<JsonObject> Entities)
{
    public static JsonObject Entity(string type, int offset, int length) =>
        new() { ["type"] = type, ["offset"] = offset, ["length"] = length };

    /// <summary>A "can't parse entities" error, with Telegram's wording and its UTF-8 byte offsets.</summary>
    public static BotApiException ParseError(string detail) => BotApiException.BadRequest("can't parse entities: " + detail);

    /// <summary>
    /// A text_link URL as Telegram stores it: http:// is added when no scheme is given and an empty path becomes "/"
    /// (https://example.org → https://example.org/).
    /// </summary>
    public static string NormalizeUrl(string url)
    {
        if (!url.Contains(':', StringComparison.Ordinal))
        {
            url = "http://" + url;
        }

        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
               && uri.AbsolutePath == "/" && !url.EndsWith('/') && uri.Query.Length == 0 && uri.Fragment.Length == 0
            ? url + "/"
            : url;
    }

    public static int ByteOffset(string source, int index) => Encoding.UTF8.GetByteCount(source.AsSpan(0, index));
}
