using System.Text;
using System.Text.Json.Nodes;

namespace Bridges.Emulators.Telegram.Formatting;

/// <summary>
/// The legacy parse_mode=Markdown: *bold*, _italic_, `code`, ```pre```, [text](url), without nesting; only the
/// four marker characters can be escaped.
/// </summary>
internal static class MarkdownParser
{
    public static FormattedText Parse(string source, Func<long, JsonObject?> findUser)
    {
        var text = new StringBuilder();
        var entities = new List<JsonObject>();
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            if (c == '\\' && i + 1 < source.Length && source[i + 1] is '_' or '*' or '`' or '[')
            {
                text.Append(source[i + 1]);
                i += 2;
                continue;
            }

            if (c is not ('*' or '_' or '`' or '['))
            {
                text.Append(c);
                i++;
                continue;
            }

            var delimiter = c == '`' && source.AsSpan(i).StartsWith("```") ? "```" : c == '[' ? "]" : c.ToString();
            var contentStart = i + (delimiter == "]" ? 1 : delimiter.Length);
            var end = source.IndexOf(delimiter, contentStart, StringComparison.Ordinal);
            if (end < 0)
            {
                throw FormattedText.ParseError($"Can't find end of the entity starting at byte offset {FormattedText.ByteOffset(source, i)}");
            }

            var content = source[contentStart..end];
            var next = end + delimiter.Length;
            JsonObject? entity;
            switch (c)
            {
                case '[':
                    var close = next < source.Length && source[next] == '(' ? source.IndexOf(')', next) : -1;
                    if (close < 0)
                    {
                        throw FormattedText.ParseError($"Can't find end of the entity starting at byte offset {FormattedText.ByteOffset(source, i)}");
                    }

                    var url = source[(next + 1)..close];
                    next = close + 1;
                    if (MarkdownV2Parser.MentionedUserId(url) is { } userId)
                    {
                        entity = null;
                        if (findUser(userId) is { } user)
                        {
                            entity = FormattedText.Entity("text_mention", text.Length, content.Length);
                            entity["user"] = user;
                        }
                    }
                    else
                    {
                        entity = FormattedText.Entity("text_link", text.Length, content.Length);
                        entity["url"] = FormattedText.NormalizeUrl(url);
                    }

                    break;
                case '`' when delimiter == "```":
                    var newline = content.IndexOf('\n', StringComparison.Ordinal);
                    string? language = null;
                    if (newline >= 0 && !content[..newline].Any(char.IsWhiteSpace))
                    {
                        language = newline > 0 ? content[..newline] : null;
                        content = content[(newline + 1)..];
                    }

                    entity = FormattedText.Entity("pre", text.Length, content.Length);
                    if (language is not null)
                    {
                        entity["language"] = language;
                    }

                    break;
                default:
                    entity = FormattedText.Entity(c switch { '*' => "bold", '_' => "italic", _ => "code" }, text.Length, content.Length);
                    break;
            }

            if (entity is not null && content.Length > 0)
            {
                entities.Add(entity);
            }

            text.Append(content);
            i = next;
        }

        return new FormattedText(text.ToString(), entities);
    }
}
