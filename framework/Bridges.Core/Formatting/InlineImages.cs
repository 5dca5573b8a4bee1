using System.Net;
using System.Text.RegularExpressions;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Formatting;

/// <summary>
/// Images inside message HTML. Plugins write <c>&lt;img data-remote-image="ID" alt="ALT"&gt;</c> with <see cref="Tag"/>;
/// the core turns it into a Matrix inline image (<c>data-mx-emoticon</c>, as clients show custom emoji) or, without
/// an upload, into its alt text.
/// </summary>
public static partial class InlineImages
{
    /// <summary>Emoji-sized height in pixels, as Matrix clients size custom emoji in text.</summary>
    public const int EmoticonHeight = 32;

    /// <summary>The plugin-side form of an inline image with id <paramref name="id"/> and alt text <paramref name="alt"/>.</summary>
    public static string Tag(string id, string alt) =>
        $"<img data-remote-image=\"{MatrixHtml.Escape(id)}\" alt=\"{MatrixHtml.Escape(alt)}\">";

    /// <summary>The ids of the inline images <paramref name="html"/> uses.</summary>
    internal static IEnumerable<string> IdsIn(string html) =>
        RemoteImage().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups["id"].Value)).Distinct(StringComparer.Ordinal);

    /// <summary>Plugin image tags to Matrix inline images through <paramref name="uriFor"/>; those without a URI to their alt text.</summary>
    internal static string ToMatrix(string html, Func<string, MxcUri?> uriFor) =>
        RemoteImage().Replace(html, m =>
        {
            var alt = m.Groups["alt"].Value;
            return uriFor(WebUtility.HtmlDecode(m.Groups["id"].Value)) is { } uri
                ? $"<img data-mx-emoticon src=\"{MatrixHtml.Escape(uri.ToString())}\" alt=\"{alt}\" title=\"{alt}\" height=\"{EmoticonHeight}\">"
                : alt;
        });

    [GeneratedRegex("<img data-remote-image=\"(?<id>[^\"]*)\" alt=\"(?<alt>[^\"]*)\">")]
    private static partial Regex RemoteImage();
}
