using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Bridges.Core.Content;
using Bridges.Core.Network.Ids;
using Bridges.Irc.Client;
using Bridges.Matrix.Ids;

namespace Bridges.Irc.Bridge;

/// <summary>
/// Matrix HTML (already sanitised by the core) to IRC text: bold, italic, underline, strikethrough, monospace and
/// colours become formatting codes, block elements become lines (quotes "&gt; ", list bullets), mentions become
/// nicks and links "text (url)". Every line carries its own codes, since IRC clients reset formatting per line.
/// </summary>
internal static class IrcHtmlWriter
{
    private static readonly HtmlParser Parser = new();

    /// <summary>The IRC text of a message for <paramref name="network"/>: its HTML converted, else its plain text.</summary>
    public static string ToIrc(BridgedContent content, IrcNetworkContext network, IrcConnection? connection) =>
        content.Html is null ? content.Text : Convert(content.Html,
            id => network.NickOf(new RemoteUserId(id)),
            mxid => UserId.TryParse(mxid, out var user) ? network.Connector.PuppetClient(IrcIds.PuppetLogin(user))?.NickOn(network) : null,
            uri => network.Connector.MediaLink(uri, null));

    /// <summary>The IRC text of <paramref name="html"/>; lines are separated by <c>\n</c>.</summary>
    /// <param name="html">Sanitised HTML with mentions as <c>&lt;a data-remote-user&gt;</c> or matrix.to pills.</param>
    /// <param name="remoteNick">The nick of a remote user id (<c>data-remote-user</c>).</param>
    /// <param name="matrixNick">The IRC nick of a Matrix user id (their puppet), or null.</param>
    /// <param name="link">A URL IRC users can open for an <c>mxc://</c> URI.</param>
    public static string Convert(string html, Func<string, string?> remoteNick, Func<string, string?> matrixNick, Func<string, string> link)
    {
        var document = Parser.ParseDocument("<!DOCTYPE html><body>" + html);
        var writer = new Writer(remoteNick, matrixNick, link);
        writer.Walk(document.Body!);
        return writer.Result();
    }

    /// <summary>The nearest of the 16 common IRC colours to a CSS <c>#rrggbb</c> colour.</summary>
    public static IrcColor? NearestColor(string? css)
    {
        if (css is not { Length: 7 } || css[0] != '#' || !int.TryParse(css.AsSpan(1), System.Globalization.NumberStyles.HexNumber, null, out var rgb))
        {
            return null;
        }

        static int Distance(int a, int b) =>
            Square(((a >> 16) & 255) - ((b >> 16) & 255)) + Square(((a >> 8) & 255) - ((b >> 8) & 255)) + Square((a & 255) - (b & 255));
        static int Square(int x) => x * x;
        return Enumerable.Range(0, 16).Select(IrcColor.FromIndex).MinBy(c => Distance(c.Rgb, rgb));
    }

    private sealed class Writer(Func<string, string?> remoteNick, Func<string, string?> matrixNick, Func<string, string> link)
    {
        private readonly List<List<IrcTextSpan>> _lines = [[]];
        private readonly Stack<int> _listCounters = new();
        private IrcTextStyle _style;
        private IrcColor? _fg;
        private IrcColor? _bg;
        private string _quote = string.Empty;
        private bool _pre;

        private List<IrcTextSpan> Line => _lines[^1];

        public string Result()
        {
            var rendered = _lines.Select(l => IrcFormatting.Render(l).TrimEnd()).ToList();
            while (rendered.Count > 0 && rendered[^1].Length == 0)
            {
                rendered.RemoveAt(rendered.Count - 1);
            }

            return string.Join('\n', rendered.SkipWhile(l => l.Length == 0));
        }

        public void Walk(INode node)
        {
            foreach (var child in node.ChildNodes)
            {
                if (child is IText text)
                {
                    Text(text.Data);
                }
                else if (child is IElement element)
                {
                    Element(element);
                }
            }
        }

        private void Element(IElement e)
        {
            var (style, fg, bg, quote, pre) = (_style, _fg, _bg, _quote, _pre);
            var name = e.LocalName;
            var block = name is "p" or "div" or "blockquote" or "pre" or "ul" or "ol" or "li" or "table" or "tr" or "details" or "summary"
                || name.Length == 2 && name[0] == 'h' && char.IsAsciiDigit(name[1]);
            if (block)
            {
                Break(hard: false);
            }

            switch (name)
            {
                case "br":
                    Break(hard: true);
                    return;
                case "hr":
                    Text("---");
                    Break(hard: false);
                    return;
                case "img":
                    Text((e.GetAttribute("alt") ?? e.GetAttribute("title") ?? "image") + (e.GetAttribute("src") is { } src ? " " + link(src) : string.Empty));
                    return;
                case "a":
                    Anchor(e);
                    return;
                case "b" or "strong" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                    _style |= IrcTextStyle.Bold;
                    break;
                case "i" or "em":
                    _style |= IrcTextStyle.Italic;
                    break;
                case "u":
                    _style |= IrcTextStyle.Underline;
                    break;
                case "del" or "s" or "strike":
                    _style |= IrcTextStyle.Strikethrough;
                    break;
                case "code":
                    _style |= IrcTextStyle.Monospace;
                    break;
                case "pre":
                    _style |= IrcTextStyle.Monospace;
                    _pre = true;
                    break;
                case "blockquote":
                    _quote += "> ";
                    break;
                case "ul" or "ol":
                    _listCounters.Push(name == "ol" ? int.TryParse(e.GetAttribute("start"), out var start) ? start : 1 : 0);
                    break;
                case "li":
                    var counter = _listCounters.Count > 0 ? _listCounters.Pop() : 0;
                    Text(counter > 0 ? $"{counter}. " : "• ");
                    _listCounters.Push(counter > 0 ? counter + 1 : 0);
                    break;
                case "font" or "span":
                    if (e.HasAttribute("data-mx-spoiler"))
                    {
                        // IRC's spoiler convention: the same colour for text and background.
                        (_fg, _bg) = (IrcColor.FromIndex(1), IrcColor.FromIndex(1));
                    }

                    _fg = NearestColor(e.GetAttribute("data-mx-color") ?? e.GetAttribute("color")) ?? _fg;
                    _bg = NearestColor(e.GetAttribute("data-mx-bg-color")) ?? _bg;
                    break;
            }

            Walk(e);
            if (name is "ul" or "ol" && _listCounters.Count > 0)
            {
                _listCounters.Pop();
            }

            (_style, _fg, _bg, _quote, _pre) = (style, fg, bg, quote, pre);
            if (block)
            {
                Break(hard: false);
            }
        }

        private void Anchor(IElement e)
        {
            var text = e.TextContent;
            if (e.GetAttribute("data-remote-user") is { } remote)
            {
                Plain(remoteNick(remote) ?? text);
                return;
            }

            var href = e.GetAttribute("href") ?? string.Empty;
            const string Pill = "https://matrix.to/#/";
            if (href.StartsWith(Pill, StringComparison.Ordinal) && Uri.UnescapeDataString(href[Pill.Length..].Split('?')[0]) is { } target && target.StartsWith('@'))
            {
                Plain(matrixNick(target) ?? text);
                return;
            }

            Walk(e);
            if (href.Length > 0 && href != text && !href.StartsWith(Pill, StringComparison.Ordinal))
            {
                Text($" ({(href.StartsWith("mxc://", StringComparison.Ordinal) ? link(href) : href)})");
            }
            else if (href.StartsWith(Pill, StringComparison.Ordinal) && text != href)
            {
                Text($" ({href})");
            }
        }

        private void Plain(string text) => Line.Add(new IrcTextSpan(text));

        private void Text(string text)
        {
            if (!_pre)
            {
                // HTML whitespace: any run of spaces and newlines is one space, and none at the start of a line.
                var sb = new StringBuilder(text.Length);
                foreach (var c in text)
                {
                    var space = char.IsWhiteSpace(c);
                    if (!space || sb.Length == 0 || sb[^1] != ' ')
                    {
                        sb.Append(space ? ' ' : c);
                    }
                }

                text = Line.Count == 0 || Line[^1].Text.EndsWith(' ') ? sb.ToString().TrimStart() : sb.ToString();
                if (text.Length > 0 && Line.Count == 0 && _quote.Length > 0)
                {
                    Plain(_quote);
                }

                Add(text);
                return;
            }

            var parts = text.ReplaceLineEndings("\n").Split('\n');
            for (var i = 0; i < parts.Length; i++)
            {
                if (i > 0)
                {
                    Break(hard: true);
                }

                if (Line.Count == 0 && _quote.Length > 0)
                {
                    Plain(_quote);
                }

                Add(parts[i]);
            }
        }

        private void Add(string text)
        {
            if (text.Length > 0)
            {
                Line.Add(new IrcTextSpan(text, _style, _fg, _bg));
            }
        }

        private void Break(bool hard)
        {
            if (hard || Line.Any(s => s.Text.Length > 0))
            {
                _lines.Add([]);
            }
        }
    }
}
