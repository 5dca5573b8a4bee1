using Ganss.Xss;

namespace Bridges.Core.Formatting;

/// <summary>
/// Sanitises HTML to the subset the Matrix spec recommends for <c>formatted_body</c>, in both directions:
/// Matrix HTML before a plugin converts it, and plugin HTML before it reaches Matrix.
/// </summary>
public static class MatrixHtml
{
    private static readonly HtmlSanitizer Sanitizer = Create();

    /// <summary>The sanitised HTML (script, styles, event handlers and unknown tags removed).</summary>
    public static string Sanitize(string html) => Sanitizer.Sanitize(html);

    /// <summary>Removes the <c>&lt;mx-reply&gt;</c> fallback block that replies carried before spec v1.13.</summary>
    public static string StripReplyFallback(string html)
    {
        var start = html.IndexOf("<mx-reply>", StringComparison.OrdinalIgnoreCase);
        var end = html.IndexOf("</mx-reply>", StringComparison.OrdinalIgnoreCase);
        return start >= 0 && end > start ? html.Remove(start, end - start + "</mx-reply>".Length) : html;
    }

    /// <summary>Escapes text for use inside HTML.</summary>
    public static string Escape(string text) => System.Net.WebUtility.HtmlEncode(text);

    private static HtmlSanitizer Create()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "font", "del", "s", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "p", "a", "ul", "ol", "sup", "sub", "li", "b", "i", "u",
                "strong", "em", "strike", "code", "hr", "br", "div", "table", "thead", "tbody", "tr", "th", "td", "caption", "pre", "span", "img",
                "details", "summary",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "data-mx-bg-color", "data-mx-color", "color", "data-mx-spoiler", "name", "target", "href", "width", "height", "alt", "title", "src",
                "start", "class", "data-mx-maths", "data-mx-emoticon",
            },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "https", "http", "ftp", "mailto", "magnet", "mxc" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src" },
        };
        var sanitizer = new HtmlSanitizer(options);
        // Images only from the homeserver: an external src would leak readers' addresses.
        sanitizer.FilterUrl += (_, e) =>
        {
            if (e.Tag?.TagName.Equals("img", StringComparison.OrdinalIgnoreCase) == true && e.OriginalUrl?.StartsWith("mxc://", StringComparison.Ordinal) != true)
            {
                e.SanitizedUrl = null;
            }
        };
        sanitizer.KeepChildNodes = true;
        return sanitizer;
    }
}
