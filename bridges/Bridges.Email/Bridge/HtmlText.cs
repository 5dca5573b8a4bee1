using System.Text;
using MimeKit.Text;

namespace Bridges.Email.Bridge;

/// <summary>The plain body of an HTML-only mail: its visible text, with a line break at each block, and no script or style.</summary>
internal static class HtmlText
{
    private static readonly HashSet<HtmlTagId> Blocks =
    [
        HtmlTagId.P, HtmlTagId.Div, HtmlTagId.LI, HtmlTagId.TR, HtmlTagId.Table, HtmlTagId.BlockQuote, HtmlTagId.Pre,
        HtmlTagId.H1, HtmlTagId.H2, HtmlTagId.H3, HtmlTagId.H4, HtmlTagId.H5, HtmlTagId.H6, HtmlTagId.UL, HtmlTagId.OL, HtmlTagId.HR,
    ];

    public static string From(string html)
    {
        var text = new StringBuilder();
        var hidden = 0;
        var tokenizer = new HtmlTokenizer(new StringReader(html)) { DecodeCharacterReferences = true };
        while (tokenizer.ReadNextToken(out var token))
        {
            switch (token)
            {
                case HtmlTagToken tag when tag.Id is HtmlTagId.Script or HtmlTagId.Style or HtmlTagId.Head or HtmlTagId.Title:
                    hidden = Math.Max(0, hidden + (tag.IsEndTag ? -1 : tag.IsEmptyElement ? 0 : 1));
                    break;
                case HtmlTagToken tag when tag.Id is HtmlTagId.Br || (Blocks.Contains(tag.Id) && text.Length > 0 && text[^1] != '\n'):
                    text.Append('\n');
                    break;
                case HtmlDataToken data when hidden == 0:
                    text.Append(Collapse(data.Data));
                    break;
            }
        }

        return string.Join('\n', text.ToString().Split('\n').Select(l => l.Trim())).Trim();
    }

    private static string Collapse(string data)
    {
        var s = new StringBuilder(data.Length);
        foreach (var c in data)
        {
            var space = char.IsWhiteSpace(c);
            if (!space || s.Length == 0 || s[^1] != ' ')
            {
                s.Append(space ? ' ' : c);
            }
        }

        return s.ToString();
    }
}
