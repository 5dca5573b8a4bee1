using System.Text.Json;
using System.Text.Json.Nodes;
using Bridges.Emulators.Telegram.World;

namespace Bridges.Emulators.Telegram.Formatting;

/// <summary>
/// Turns the text parameters of a call (text or caption, parse_mode, entities) into what the message will carry,
/// the way Telegram does: explicit entities win over parse_mode, leading and trailing whitespace is cut, entities
/// are clipped to the text and sorted, and auto-detected entities are added.
/// </summary>
internal static class TextRules
{
    public const int MaxTextLength = 4096;
    public const int MaxCaptionLength = 1024;

    /// <summary>Telegram counts characters as Unicode code points (not UTF-16 units) for its length limits.</summary>
    public static int CountCharacters(string text) => text.EnumerateRunes().Count();

    public static FormattedText Format(string text, string? parseMode, JsonElement? explicitEntities,
        Func<long, JsonObject?> findUser, bool detect)
    {
        FormattedText parsed;
        if (explicitEntities is { ValueKind: JsonValueKind.Array } list)
        {
            parsed = new FormattedText(text, list.EnumerateArray().Select(e => FromClient(e, findUser)).OfType<JsonObject>().ToList());
        }
        else
        {
            parsed = parseMode?.ToUpperInvariant() switch
            {
                null or "" => new FormattedText(text, []),
                "HTML" => HtmlParser.Parse(text, findUser),
                "MARKDOWNV2" => MarkdownV2Parser.Parse(text, findUser),
                "MARKDOWN" => MarkdownParser.Parse(text, findUser),
                _ => throw BotApiException.BadRequest("unsupported parse_mode"),
            };
        }

        var trimmed = Trim(parsed);
        if (detect)
        {
            EntityDetector.Detect(trimmed.Text, trimmed.Entities);
        }

        trimmed.Entities.Sort((a, b) => (int)a["offset"]! != (int)b["offset"]!
            ? ((int)a["offset"]!).CompareTo((int)b["offset"]!)
            : ((int)b["length"]!).CompareTo((int)a["length"]!));
        return trimmed;
    }

    /// <summary>Entities a simulated user attaches, in wire form.</summary>
    public static JsonArray ToJson(IEnumerable<TextEntity> entities, Func<long, JsonObject?> findUser)
    {
        var result = new JsonArray();
        foreach (var e in entities)
        {
            var json = FormattedText.Entity(e.Type, e.Offset, e.Length);
            if (e.Url is not null)
            {
                json["url"] = e.Url;
            }

            if (e.UserId is { } id)
            {
                json["user"] = findUser(id) ?? throw new ArgumentException($"no user {id} for a text_mention");
            }

            if (e.Language is not null)
            {
                json["language"] = e.Language;
            }

            if (e.CustomEmojiId is not null)
            {
                json["custom_emoji_id"] = e.CustomEmojiId;
            }

            result.Add(json);
        }

        return result;
    }

    private static JsonObject? FromClient(JsonElement e, Func<long, JsonObject?> findUser)
    {
        var type = e.GetProperty("type").GetString()!;
        var entity = FormattedText.Entity(type, e.GetProperty("offset").GetInt32(), e.GetProperty("length").GetInt32());
        switch (type)
        {
            case "text_link":
                entity["url"] = e.TryGetProperty("url", out var url)
                    ? FormattedText.NormalizeUrl(url.GetString()!)
                    : throw BotApiException.BadRequest("can't parse entities: Field \"url\" must be of type String");
                break;
            case "text_mention":
                // The server shows its own copy of the user; a user it does not know becomes plain text.
                if (!e.TryGetProperty("user", out var user) || findUser(user.GetProperty("id").GetInt64()) is not { } known)
                {
                    return null;
                }

                entity["user"] = known;
                break;
            case "custom_emoji":
                entity["custom_emoji_id"] = e.TryGetProperty("custom_emoji_id", out var emoji)
                    ? emoji.GetString()
                    : throw BotApiException.BadRequest("can't parse entities: Field \"custom_emoji_id\" must be of type String");
                break;
            case "pre" when e.TryGetProperty("language", out var language):
                entity["language"] = language.GetString();
                break;
        }

        return entity;
    }

    private static FormattedText Trim(FormattedText formatted)
    {
        var text = formatted.Text;
        var start = 0;
        while (start < text.Length && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        var end = text.Length;
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        var entities = new List<JsonObject>();
        foreach (var entity in formatted.Entities)
        {
            var from = Math.Clamp((int)entity["offset"]! - start, 0, end - start);
            var to = Math.Clamp((int)entity["offset"]! + (int)entity["length"]! - start, 0, end - start);
            if (to > from)
            {
                entity["offset"] = from;
                entity["length"] = to - from;
                entities.Add(entity);
            }
        }

        return new FormattedText(text[start..end], entities);
    }
}
