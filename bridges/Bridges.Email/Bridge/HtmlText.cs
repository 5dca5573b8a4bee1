using System.Text;
using MimeKit.Text;

namespace Bridges.Email.Bridge;

/// <summary>
/// Reads mail HTML with MimeKit's tokenizer: its body without head, title, script or style (whose text a sanitiser
/// would otherwise keep as visible text), and the plain text of an HTML-only mail.
/// </summary>
internal static class HtmlText
{
    private static readonly HashSet<HtmlTagId> Blocks =
    [
        HtmlTagId.P, HtmlTagId.Div, HtmlTagId.LI, HtmlTagId.TR, HtmlTagId.Table, HtmlTagId.BlockQuote, HtmlTagId.Pre,
        HtmlTagId.H1, HtmlTagId.H2, HtmlTagId.H3, HtmlTagId.H4, HtmlTagId.H5, HtmlTagId.H6, HtmlTagId.UL, HtmlTagId.OL, HtmlTagId.HR,
    ];

    /// <summary>The markup of the visible body: head, title, script, style and comments dropped; the sanitiser does the rest.</summary>
    public static string BodyOf(string html)
    {
        var body = new StringBuilder(html.Length);
        foreach (var (token, visible) in Walk(html))
        {
            switch (token)
            {
                case HtmlTagToken tag when visible && tag.Id is not (HtmlTagId.Html or HtmlTagId.Body or HtmlTagId.Meta or HtmlTagId.Link):
                    body.Append(tag.ToString());
                    break;
                case HtmlDataToken data when visible && token.Kind == HtmlTokenKind.Data:
                    body.Append(HtmlUtils.HtmlEncode(data.Data));
                    break;
            }
        }

        return body.ToString();
    }

    /// <summary>The visible text, with a line break at each block.</summary>
    public static string From(string html)
    {
        var text = new StringBuilder();
        foreach (var (token, visible) in Walk(html))
        {
            switch (token)
            {
                case HtmlTagToken tag when tag.Id is HtmlTagId.Br || (Blocks.Contains(tag.Id) && text.Length > 0 && text[^1] != '\n'):
                    text.Append('\n');
                    break;
                case HtmlDataToken data when visible && token.Kind == HtmlTokenKind.Data:
                    text.Append(Collapse(data.Data));
                    break;
            }
        }

        return string.Join('\n', text.ToString().Split('\n').Select(l => l.Trim())).Trim();
    }

    /// <summary>Every token but the hidden elements' own tags, each with whether it lies outside head, title, script and style.</summary>
    private static IEnumerable<(HtmlToken Token, bool Visible)> Walk(string html)
    {
        var hidden = 0;
        var tokenizer = new HtmlTokenizer(new StringReader(html)) { DecodeCharacterReferences = true };
        while (tokenizer.ReadNextToken(out var token))
        {
            if (token is HtmlTagToken tag && IsHidden(tag.Id))
            {
                hidden = Math.Max(0, hidden + (tag.IsEndTag ? -1 : tag.IsEmptyElement ? 0 : 1));
                continue;
            }

            yield return (token, hidden == 0);
        }
    }

    private static bool IsHidden(HtmlTagId id) => id is HtmlTagId.Script or HtmlTagId.Style or HtmlTagId.Head or HtmlTagId.Title;

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
