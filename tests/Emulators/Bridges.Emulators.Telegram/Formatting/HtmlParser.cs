using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Bridges.Emulators.Telegram.Formatting;

/// <summary>parse_mode=HTML: the tags and character references Telegram documents, with its error messages.</summary>
internal static class HtmlParser
{
    public static FormattedText Parse(string html, Func<long, JsonObject?> findUser)
    {
        var text = new StringBuilder();
        var entities = new List<JsonObject>();
        var open = new List<OpenTag>();
        var i = 0;
        while (i < html.Length)
        {
            var c = html[i];
            if (c == '&')
            {
                i = AppendReference(html, i, text);
                continue;
            }

            if (c != '<')
            {
                text.Append(c);
                i++;
                continue;
            }

            var end = html.IndexOf('>', i);
            if (end < 0)
            {
                throw FormattedText.ParseError($"Unclosed start tag at byte offset {FormattedText.ByteOffset(html, i)}");
            }

            if (i + 1 < html.Length && html[i + 1] == '/')
            {
                var name = html[(i + 2)..end].Trim().ToLowerInvariant();
                if (open.Count == 0)
                {
                    throw FormattedText.ParseError($"Unexpected end tag at byte offset {FormattedText.ByteOffset(html, i)}");
                }

                var top = open[^1];
                if (top.Name != name)
                {
                    throw FormattedText.ParseError(
                        $"Unmatched end tag at byte offset {FormattedText.ByteOffset(html, i)}, expected \"</{top.Name}>\", found \"</{name}>\"");
                }

                open.RemoveAt(open.Count - 1);
                Close(top, open.Count > 0 ? open[^1] : null, text.Length, entities, findUser);
            }
            else
            {
                var tag = ParseStartTag(html, i, end);
                open.Add(tag with { Start = text.Length });
            }

            i = end + 1;
        }

        if (open.Count > 0)
        {
            throw FormattedText.ParseError($"Can't find end tag corresponding to start tag \"{open[^1].Name}\"");
        }

        return new FormattedText(text.ToString(), entities);
    }

    private static OpenTag ParseStartTag(string html, int start, int end)
    {
        var body = html[(start + 1)..end];
        var nameLength = 0;
        while (nameLength < body.Length && (char.IsAsciiLetterOrDigit(body[nameLength]) || body[nameLength] == '-'))
        {
            nameLength++;
        }

        var name = body[..nameLength].ToLowerInvariant();
        if (name is not ("b" or "strong" or "i" or "em" or "u" or "ins" or "s" or "strike" or "del" or "tg-spoiler"
            or "span" or "a" or "code" or "pre" or "blockquote" or "tg-emoji"))
        {
            throw FormattedText.ParseError($"Unsupported start tag \"{name}\" at byte offset {FormattedText.ByteOffset(html, start)}");
        }

        var attributes = ParseAttributes(body[nameLength..]);
        if (name == "span" && attributes.GetValueOrDefault("class") != "tg-spoiler")
        {
            throw FormattedText.ParseError("Tag \"span\" must have class \"tg-spoiler\"");
        }

        return new OpenTag(name, 0, attributes) { Language = null };
    }

    private static void Close(OpenTag tag, OpenTag? parent, int end, List<JsonObject> entities, Func<long, JsonObject?> findUser)
    {
        var length = end - tag.Start;
        if (tag.Name == "code" && parent?.Name == "pre"
            && tag.Attributes.GetValueOrDefault("class") is { } cls && cls.StartsWith("language-", StringComparison.Ordinal))
        {
            // <pre><code class="language-x"> is one pre entity with a language, not two entities.
            parent.Language = cls["language-".Length..];
            return;
        }

        if (length <= 0)
        {
            return;
        }

        var entity = tag.Name switch
        {
            "b" or "strong" => FormattedText.Entity("bold", tag.Start, length),
            "i" or "em" => FormattedText.Entity("italic", tag.Start, length),
            "u" or "ins" => FormattedText.Entity("underline", tag.Start, length),
            "s" or "strike" or "del" => FormattedText.Entity("strikethrough", tag.Start, length),
            "tg-spoiler" or "span" => FormattedText.Entity("spoiler", tag.Start, length),
            "code" => FormattedText.Entity("code", tag.Start, length),
            "pre" => FormattedText.Entity("pre", tag.Start, length),
            "blockquote" => FormattedText.Entity(tag.Attributes.ContainsKey("expandable") ? "expandable_blockquote" : "blockquote", tag.Start, length),
            "tg-emoji" => FormattedText.Entity("custom_emoji", tag.Start, length),
            _ => LinkEntity(tag, length, findUser),
        };
        if (entity is null)
        {
            return;
        }

        if (tag.Name == "pre" && tag.Language is not null)
        {
            entity["language"] = tag.Language;
        }

        if (tag.Name == "tg-emoji")
        {
            entity["custom_emoji_id"] = tag.Attributes.GetValueOrDefault("emoji-id")
                ?? throw FormattedText.ParseError("Custom emoji entity must contain a tg://emoji URL");
        }

        entities.Add(entity);
    }

    private static JsonObject? LinkEntity(OpenTag tag, int length, Func<long, JsonObject?> findUser)
    {
        if (tag.Attributes.GetValueOrDefault("href") is not { Length: > 0 } href)
        {
            return null;
        }

        if (MarkdownV2Parser.MentionedUserId(href) is { } userId)
        {
            // Telegram turns a link to a user it cannot show into plain text.
            if (findUser(userId) is not { } user)
            {
                return null;
            }

            var mention = FormattedText.Entity("text_mention", tag.Start, length);
            mention["user"] = user;
            return mention;
        }

        var link = FormattedText.Entity("text_link", tag.Start, length);
        link["url"] = FormattedText.NormalizeUrl(href);
        return link;
    }

    private static Dictionary<string, string> ParseAttributes(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            var nameStart = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('=' or '/'))
            {
                i++;
            }

            var name = text[nameStart..i].ToLowerInvariant();
            var value = "";
            if (i < text.Length && text[i] == '=')
            {
                i++;
                if (i < text.Length && text[i] is '"' or '\'')
                {
                    var quote = text[i];
                    var close = text.IndexOf(quote, i + 1);
                    close = close < 0 ? text.Length : close;
                    value = text[(i + 1)..close];
                    i = Math.Min(text.Length, close + 1);
                }
                else
                {
                    var valueStart = i;
                    while (i < text.Length && !char.IsWhiteSpace(text[i]))
                    {
                        i++;
                    }

                    value = text[valueStart..i];
                }
            }

            if (name.Length > 0)
            {
                var decoded = new StringBuilder();
                for (var j = 0; j < value.Length;)
                {
                    if (value[j] == '&')
                    {
                        j = AppendReference(value, j, decoded);
                    }
                    else
                    {
                        decoded.Append(value[j++]);
                    }
                }

                result[name] = decoded.ToString();
            }
            else
            {
                i++;
            }
        }

        return result;
    }

    /// <summary>Decodes &amp;lt; &amp;gt; &amp;amp; &amp;quot; and numeric references; anything else stays as typed.</summary>
    private static int AppendReference(string source, int at, StringBuilder text)
    {
        var semicolon = source.IndexOf(';', at);
        if (semicolon > at && semicolon - at <= 10)
        {
            var name = source[(at + 1)..semicolon];
            string? decoded = name switch
            {
                "lt" => "<",
                "gt" => ">",
                "amp" => "&",
                "quot" => "\"",
                _ when name.StartsWith("#x", StringComparison.OrdinalIgnoreCase)
                       && int.TryParse(name[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex) && Rune.IsValid(hex)
                    => char.ConvertFromUtf32(hex),
                _ when name.StartsWith('#') && int.TryParse(name[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var dec) && Rune.IsValid(dec)
                    => char.ConvertFromUtf32(dec),
                _ => null,
            };
            if (decoded is not null)
            {
                text.Append(decoded);
                return semicolon + 1;
            }
        }

        text.Append('&');
        return at + 1;
    }

    private sealed record OpenTag(string Name, int Start, Dictionary<string, string> Attributes)
    {
        public string? Language { get; set; }
    }
}
