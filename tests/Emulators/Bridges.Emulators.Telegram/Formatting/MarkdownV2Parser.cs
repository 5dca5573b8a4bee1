using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Bridges.Emulators.Telegram.Formatting;

/// <summary>
/// parse_mode=MarkdownV2: *bold*, _italic_, __underline__, ~strike~, ||spoiler||, [text](url), ![emoji](tg://emoji?id=),
/// `code`, ```pre```, and &gt; block quotes at line starts. Reserved characters outside entities must be escaped with
/// a backslash, as Telegram demands. Expandable block quotes (**&gt;) are not supported.
/// </summary>
internal static class MarkdownV2Parser
{
    private const string Reserved = "_*[]()~`>#+-=|{}.!";

    public static FormattedText Parse(string source, Func<long, JsonObject?> findUser)
    {
        var text = new StringBuilder();
        var entities = new List<JsonObject>();
        var open = new List<(string Type, int Start, int At)>();
        int? quoteStart = null;
        var lineStart = true;
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            if (lineStart)
            {
                lineStart = false;
                if (c == '>')
                {
                    quoteStart ??= text.Length;
                    i++;
                    continue;
                }

                if (quoteStart is { } qs)
                {
                    // The quote ends with the previous line; the newline that ended it is not part of it.
                    AddIfNotEmpty(entities, "blockquote", qs, text.Length - 1 - qs);
                    quoteStart = null;
                }
            }

            switch (c)
            {
                case '\\' when i + 1 < source.Length && source[i + 1] is >= (char)1 and <= (char)126:
                    text.Append(source[i + 1]);
                    i += 2;
                    continue;
                case '`':
                    i = ParseCode(source, i, text, entities);
                    continue;
                case '*':
                    Toggle("bold", 1);
                    continue;
                case '_' when i + 1 < source.Length && source[i + 1] == '_':
                    Toggle("underline", 2);
                    continue;
                case '_':
                    Toggle("italic", 1);
                    continue;
                case '~':
                    Toggle("strikethrough", 1);
                    continue;
                case '|' when i + 1 < source.Length && source[i + 1] == '|':
                    Toggle("spoiler", 2);
                    continue;
                case '[':
                    open.Add(("link", text.Length, i));
                    i++;
                    continue;
                case '!' when i + 1 < source.Length && source[i + 1] == '[':
                    open.Add(("emoji", text.Length, i));
                    i += 2;
                    continue;
                case ']' when open.FindLastIndex(o => o.Type is "link" or "emoji") is var index and >= 0:
                    i = CloseLink(source, i, open[index], text.Length, entities, findUser);
                    open.RemoveAt(index);
                    continue;
                case '\n':
                    text.Append(c);
                    lineStart = true;
                    i++;
                    continue;
            }

            if (Reserved.Contains(c, StringComparison.Ordinal) || c == '\\')
            {
                throw FormattedText.ParseError($"Character '{c}' is reserved and must be escaped with the preceding '\\'");
            }

            text.Append(c);
            i++;
        }

        if (quoteStart is { } last)
        {
            AddIfNotEmpty(entities, "blockquote", last, text.Length - last);
        }

        if (open.Count > 0)
        {
            var (type, _, at) = open[^1];
            throw FormattedText.ParseError($"Can't find end of {EntityName(type)} entity at byte offset {FormattedText.ByteOffset(source, at)}");
        }

        return new FormattedText(text.ToString(), entities);

        void Toggle(string type, int width)
        {
            var index = open.FindLastIndex(o => o.Type == type);
            if (index >= 0)
            {
                AddIfNotEmpty(entities, type, open[index].Start, text.Length - open[index].Start);
                open.RemoveAt(index);
            }
            else
            {
                open.Add((type, text.Length, i));
            }

            i += width;
        }
    }

    /// <summary>The user id of a <c>tg://user?id=123</c> link, or null.</summary>
    public static long? MentionedUserId(string url)
    {
        const string Prefix = "tg://user?id=";
        return url.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
               && long.TryParse(url[Prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;
    }

    private static int ParseCode(string source, int at, StringBuilder text, List<JsonObject> entities)
    {
        var isPre = source.AsSpan(at).StartsWith("```");
        var delimiter = isPre ? "```" : "`";
        var content = new StringBuilder();
        var j = at + delimiter.Length;
        while (j < source.Length && !source.AsSpan(j).StartsWith(delimiter))
        {
            // Inside code only ` and \ need escaping, but any escaped character is taken literally.
            if (source[j] == '\\' && j + 1 < source.Length)
            {
                j++;
            }

            content.Append(source[j++]);
        }

        if (j >= source.Length)
        {
            throw FormattedText.ParseError(
                $"Can't find end of {(isPre ? "Pre" : "Code")} entity at byte offset {FormattedText.ByteOffset(source, at)}");
        }

        var body = content.ToString();
        string? language = null;
        if (isPre)
        {
            var newline = body.IndexOf('\n', StringComparison.Ordinal);
            if (newline >= 0 && !body[..newline].Any(char.IsWhiteSpace))
            {
                language = newline > 0 ? body[..newline] : null;
                body = body[(newline + 1)..];
            }
        }

        var entity = FormattedText.Entity(isPre ? "pre" : "code", text.Length, body.Length);
        if (language is not null)
        {
            entity["language"] = language;
        }

        if (body.Length > 0)
        {
            entities.Add(entity);
        }

        text.Append(body);
        return j + delimiter.Length;
    }

    private static int CloseLink(string source, int at, (string Type, int Start, int At) open, int end,
        List<JsonObject> entities, Func<long, JsonObject?> findUser)
    {
        if (at + 1 >= source.Length || source[at + 1] != '(')
        {
            throw FormattedText.ParseError($"Can't find end of a URL at byte offset {FormattedText.ByteOffset(source, at)}");
        }

        var url = new StringBuilder();
        var j = at + 2;
        while (j < source.Length && source[j] != ')')
        {
            if (source[j] == '\\' && j + 1 < source.Length)
            {
                j++;
            }

            url.Append(source[j++]);
        }

        if (j >= source.Length)
        {
            throw FormattedText.ParseError($"Can't find end of a URL at byte offset {FormattedText.ByteOffset(source, at)}");
        }

        var target = url.ToString();
        var length = end - open.Start;
        if (length > 0)
        {
            if (open.Type == "emoji")
            {
                const string EmojiPrefix = "tg://emoji?id=";
                var entity = FormattedText.Entity("custom_emoji", open.Start, length);
                entity["custom_emoji_id"] = target.StartsWith(EmojiPrefix, StringComparison.Ordinal)
                    ? target[EmojiPrefix.Length..]
                    : throw FormattedText.ParseError("Custom emoji entity must contain a tg://emoji URL");
                entities.Add(entity);
            }
            else if (MentionedUserId(target) is { } userId)
            {
                if (findUser(userId) is { } user)
                {
                    var entity = FormattedText.Entity("text_mention", open.Start, length);
                    entity["user"] = user;
                    entities.Add(entity);
                }
            }
            else
            {
                var entity = FormattedText.Entity("text_link", open.Start, length);
                entity["url"] = FormattedText.NormalizeUrl(target);
                entities.Add(entity);
            }
        }

        return j + 1;
    }

    private static void AddIfNotEmpty(List<JsonObject> entities, string type, int start, int length)
    {
        if (length > 0)
        {
            entities.Add(FormattedText.Entity(type, start, length));
        }
    }

    private static string EntityName(string type) => type switch
    {
        "bold" => "Bold",
        "italic" => "Italic",
        "underline" => "Underline",
        "strikethrough" => "Strikethrough",
        "spoiler" => "Spoiler",
        "emoji" => "CustomEmoji",
        _ => "TextUrl",
    };
}
