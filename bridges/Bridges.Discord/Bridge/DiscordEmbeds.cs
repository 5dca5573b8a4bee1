using System.Net;
using System.Text;
using Bridges.Core.Content;
using Bridges.Discord.Api;

namespace Bridges.Discord.Bridge;

/// <summary>
/// Discord embeds (bots' rich cards and link previews) as a quote after the message: author, linked bold title,
/// description (Discord markdown), fields as <c>name: value</c> lines, image link and footer. Matrix has no embeds,
/// so this keeps what they say readable in every client.
/// </summary>
internal static class DiscordEmbeds
{
    /// <summary>Link previews that only repeat a URL of the text add nothing on Matrix (clients preview links themselves).</summary>
    private static readonly HashSet<string> PreviewTypes = new(StringComparer.Ordinal) { "link", "article", "image", "gifv", "video" };

    /// <summary><paramref name="content"/> with the embeds worth showing appended; unchanged when there are none.</summary>
    public static BridgedContent Append(BridgedContent content, string rawText, IReadOnlyList<DiscordEmbed>? embeds, Func<string, string> nameOf)
    {
        var shown = (embeds ?? []).Where(e => !RepeatsText(e, rawText)).ToList();
        if (shown.Count == 0)
        {
            return content;
        }

        var text = new StringBuilder(content.Text);
        var html = new StringBuilder(HtmlOf(content));
        foreach (var embed in shown)
        {
            var (embedText, embedHtml) = Render(embed, nameOf);
            if (embedText.Length == 0)
            {
                continue;
            }

            if (text.Length > 0)
            {
                text.Append('\n');
            }

            text.Append(embedText);
            html.Append(embedHtml);
        }

        return content with { Text = text.ToString(), Html = html.ToString() };
    }

    private static bool RepeatsText(DiscordEmbed embed, string rawText) =>
        embed.Type is { } type && PreviewTypes.Contains(type) && embed.Url is { Length: > 0 } url
        && rawText.Contains(url, StringComparison.Ordinal) && string.IsNullOrEmpty(embed.Description) && (embed.Fields ?? []).Count == 0;

    /// <summary>One embed: plain lines quoted with <c>&gt; </c>, and a blockquote.</summary>
    private static (string Text, string Html) Render(DiscordEmbed embed, Func<string, string> nameOf)
    {
        var lines = new List<string>();
        var html = new StringBuilder();
        if (embed.Author is { Name.Length: > 0 } author)
        {
            lines.Add(author.Name);
            html.Append("<p>").Append(Link(author.Url, WebUtility.HtmlEncode(author.Name))).Append("</p>");
        }

        if (!string.IsNullOrEmpty(embed.Title))
        {
            lines.Add(embed.Url is { Length: > 0 } u ? $"{embed.Title} ({u})" : embed.Title);
            html.Append("<p>").Append(Link(embed.Url, $"<strong>{WebUtility.HtmlEncode(embed.Title)}</strong>")).Append("</p>");
        }
        else if (embed.Url is { Length: > 0 } bare && string.IsNullOrEmpty(embed.Description))
        {
            lines.Add(bare);
            html.Append("<p>").Append(Link(bare, WebUtility.HtmlEncode(bare))).Append("</p>");
        }

        if (!string.IsNullOrEmpty(embed.Description))
        {
            var description = DiscordMarkdown.ToBridged(embed.Description, nameOf);
            lines.AddRange(description.Text.Split('\n'));
            html.Append("<p>").Append(HtmlOf(description)).Append("</p>");
        }

        var fields = (embed.Fields ?? []).Where(f => f.Name.Length > 0 || f.Value.Length > 0).ToList();
        if (fields.Count > 0)
        {
            html.Append("<p>");
            for (var i = 0; i < fields.Count; i++)
            {
                var value = DiscordMarkdown.ToBridged(fields[i].Value, nameOf);
                lines.Add($"{fields[i].Name}: {value.Text.ReplaceLineEndings(" ")}");
                html.Append(i > 0 ? "<br>" : string.Empty).Append("<strong>").Append(WebUtility.HtmlEncode(fields[i].Name)).Append("</strong>: ")
                    .Append(HtmlOf(value));
            }

            html.Append("</p>");
        }

        if ((embed.Image ?? embed.Thumbnail)?.Url is { Length: > 0 } image && Uri.TryCreate(image, UriKind.Absolute, out var imageUri) && imageUri.Scheme is "https" or "http")
        {
            lines.Add(image);
            html.Append("<p>").Append(Link(image, "🖼️ image")).Append("</p>");
        }

        if (embed.Footer is { Text.Length: > 0 } footer)
        {
            lines.Add(footer.Text);
            html.Append("<p><em>").Append(WebUtility.HtmlEncode(footer.Text)).Append("</em></p>");
        }

        return lines.Count == 0
            ? (string.Empty, string.Empty)
            : (string.Join('\n', lines.Select(l => "> " + l)), "<blockquote>" + html + "</blockquote>");
    }

    /// <summary>The converted HTML, or the plain text escaped with its line breaks kept.</summary>
    private static string HtmlOf(BridgedContent content) => content.Html ?? WebUtility.HtmlEncode(content.Text).ReplaceLineEndings("<br>");

    /// <summary>A link when the URL is http(s) (the sanitiser would drop other schemes anyway), else the bare inner HTML.</summary>
    private static string Link(string? url, string innerHtml) =>
        url is { Length: > 0 } && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
            ? $"<a href=\"{WebUtility.HtmlEncode(url)}\">{innerHtml}</a>"
            : innerHtml;
}
