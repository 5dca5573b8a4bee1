using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Bridges.Core.Content;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Bridges.Telegram.Bridge;

/// <summary>
/// Matrix HTML (already sanitised by the core) to Telegram text with entities. Entities, not HTML parse mode, so
/// nothing from Matrix can make Telegram refuse a message ("can't parse entities"), and long texts split exactly.
/// </summary>
internal static class TelegramHtmlWriter
{
    private static readonly HtmlParser Parser = new();

    /// <summary>The text and entities of a message: its HTML converted, else its plain text.</summary>
    public static (string Text, List<MessageEntity> Entities) Convert(BridgedContent content)
    {
        if (content.Html is null)
        {
            return (content.Text, []);
        }

        var document = Parser.ParseDocument("<!DOCTYPE html><body>" + content.Html);
        var writer = new Writer();
        writer.Walk(document.Body!, inPre: false);
        return writer.Result();
    }

    /// <summary>Cuts a text into pieces of at most <paramref name="max"/> UTF-16 units, at line breaks where possible, clipping entities.</summary>
    public static List<(string Text, List<MessageEntity> Entities)> Split(string text, List<MessageEntity> entities, int max)
    {
        var pieces = new List<(string, List<MessageEntity>)>();
        var start = 0;
        while (start < text.Length || pieces.Count == 0)
        {
            var end = Math.Min(text.Length, start + max);
            if (end < text.Length)
            {
                var newline = text.LastIndexOf('\n', end - 1, end - start);
                if (newline > start + (max / 2))
                {
                    end = newline + 1;
                }
                else if (char.IsHighSurrogate(text[end - 1]))
                {
                    end--;
                }
            }

            var clipped = entities
                .Select(e => (Entity: e, From: Math.Max(e.Offset, start), To: Math.Min(e.Offset + e.Length, end)))
                .Where(c => c.To > c.From)
                .Select(c => new MessageEntity { Type = c.Entity.Type, Offset = c.From - start, Length = c.To - c.From, Url = c.Entity.Url, User = c.Entity.User, Language = c.Entity.Language })
                .ToList();
            pieces.Add((text[start..end], clipped));
            start = end;
        }

        return pieces;
    }

    private sealed class Writer
    {
        private readonly StringBuilder _text = new();
        private readonly List<MessageEntity> _entities = [];

        public (string Text, List<MessageEntity> Entities) Result()
        {
            var text = _text.ToString().TrimEnd('\n', ' ');
            var start = text.Length - text.TrimStart('\n', ' ').Length;
            var entities = _entities
                .Select(e => new MessageEntity
                {
                    Type = e.Type, Offset = Math.Max(e.Offset, start) - start, Url = e.Url, User = e.User, Language = e.Language,
                    Length = Math.Min(e.Offset + e.Length, text.Length) - Math.Max(e.Offset, start),
                })
                .Where(e => e.Length > 0)
                .ToList();
            return (text[start..], entities);
        }

        public void Walk(INode node, bool inPre)
        {
            foreach (var child in node.ChildNodes)
            {
                switch (child)
                {
                    case IText text:
                        var value = text.Data;
                        if (!inPre)
                        {
                            value = string.IsNullOrWhiteSpace(value) && value.Contains('\n', StringComparison.Ordinal) ? string.Empty : value.Replace('\n', ' ');
                        }

                        _text.Append(value);
                        break;
                    case IElement element:
                        Element(element, inPre);
                        break;
                }
            }
        }

        private void Element(IElement element, bool inPre)
        {
            var name = element.LocalName;
            switch (name)
            {
                case "br":
                    _text.Append('\n');
                    return;
                case "mx-reply" or "script" or "style":
                    return;
                case "img":
                    _text.Append(element.GetAttribute("alt") ?? element.GetAttribute("title") ?? string.Empty);
                    return;
                case "li":
                    BreakLine();
                    _text.Append(element.ParentElement?.LocalName == "ol" ? $"{element.Index() + 1}. " : "• ");
                    break;
                case "p" or "div" or "ul" or "ol" or "blockquote" or "pre" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "hr" or "table" or "tr":
                    BreakLine();
                    break;
            }

            var start = _text.Length;
            Walk(element, inPre || name == "pre");
            var entity = EntityFor(element);
            if (entity is not null && _text.Length > start)
            {
                entity.Offset = start;
                entity.Length = _text.Length - start;
                _entities.Add(entity);
            }

            if (name is "p" or "div" or "ul" or "ol" or "blockquote" or "pre" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "li" or "tr")
            {
                BreakLine();
            }
        }

        private void BreakLine()
        {
            if (_text.Length > 0 && _text[^1] != '\n')
            {
                _text.Append('\n');
            }
        }

        private static MessageEntity? EntityFor(IElement element) => element.LocalName switch
        {
            "b" or "strong" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" => new MessageEntity { Type = MessageEntityType.Bold },
            "i" or "em" => new MessageEntity { Type = MessageEntityType.Italic },
            "u" or "ins" => new MessageEntity { Type = MessageEntityType.Underline },
            "s" or "del" or "strike" => new MessageEntity { Type = MessageEntityType.Strikethrough },
            "span" when element.HasAttribute("data-mx-spoiler") => new MessageEntity { Type = MessageEntityType.Spoiler },
            "code" when element.ParentElement?.LocalName != "pre" => new MessageEntity { Type = MessageEntityType.Code },
            "pre" => new MessageEntity { Type = MessageEntityType.Pre, Language = Language(element) },
            "blockquote" => new MessageEntity { Type = MessageEntityType.Blockquote },
            "a" when element.GetAttribute("data-remote-user") is { } id && TelegramIds.TryParseUser(new(id), out var user) =>
                new MessageEntity { Type = MessageEntityType.TextMention, User = new User { Id = user, FirstName = element.TextContent } },
            "a" when element.GetAttribute("href") is { } href && Uri.TryCreate(href, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto" or "tg" =>
                new MessageEntity { Type = MessageEntityType.TextLink, Url = href },
            _ => null,
        };

        private static string? Language(IElement pre) =>
            pre.QuerySelector("code")?.ClassList.FirstOrDefault(c => c.StartsWith("language-", StringComparison.Ordinal))?["language-".Length..];
    }
}
