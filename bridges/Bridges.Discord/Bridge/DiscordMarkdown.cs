using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Bridges.Core.Content;
using Bridges.Core.Formatting;
using Bridges.Core.Network.Ids;

namespace Bridges.Discord.Bridge;

/// <summary>
/// Discord's message markdown (reference topic, "Message Formatting") to the neutral content and back, for what both
/// sides have: user mentions <c>&lt;@id&gt;</c>, bold, italics, strike-through, inline code and code blocks.
/// Custom emoji <c>&lt;:name:id&gt;</c> become inline images where the caller can fetch them, else <c>:name:</c>.
/// </summary>
internal static partial class DiscordMarkdown
{
    /// <summary>Discord's content limit for bots and webhooks.</summary>
    public const int MaxContentLength = 2000;

    /// <param name="content">The message's markdown.</param>
    /// <param name="nameOf">A user's display name by id, for mentions.</param>
    /// <param name="emojiImage">A custom emoji's image by (id, name, animated), or null to show custom emoji as <c>:name:</c>.</param>
    public static BridgedContent ToBridged(string content, Func<string, string> nameOf, Func<string, string, bool, MediaSource>? emojiImage = null)
    {
        var mentions = new List<RemoteUserId>();
        var images = new List<InlineImage>();
        var text = Tokens().Replace(content, m => m.Groups["user"].Success ? "@" + nameOf(m.Groups["user"].Value)
            : m.Groups["emoji"].Success ? $":{m.Groups["emoji"].Value}:" : m.Value);
        var html = new StringBuilder();
        var last = 0;
        foreach (Match m in Tokens().Matches(content))
        {
            html.Append(Inline(content[last..m.Index]));
            if (m.Groups["user"].Success)
            {
                var user = DiscordIds.User(m.Groups["user"].Value);
                mentions.Add(user);
                html.Append(MentionPills.RemoteMention(user, "@" + nameOf(user.Value)));
            }
            else if (m.Groups["emoji"].Success)
            {
                var alt = $":{m.Groups["emoji"].Value}:";
                if (emojiImage is null)
                {
                    html.Append(WebUtility.HtmlEncode(alt));
                }
                else
                {
                    var id = m.Groups["emojiid"].Value;
                    var image = new InlineImage(DiscordIds.EmojiImage(id), emojiImage(id, m.Groups["emoji"].Value, m.Groups["animated"].Length > 0));
                    images.Add(image);
                    html.Append(InlineImages.Tag(image.Id, alt));
                }
            }
            else
            {
                html.Append("<pre><code>").Append(WebUtility.HtmlEncode(m.Groups["block"].Value.Trim('\n'))).Append("</code></pre>");
            }

            last = m.Index + m.Length;
        }

        html.Append(Inline(content[last..]));
        var rendered = html.ToString();
        var plain = WebUtility.HtmlEncode(text).ReplaceLineEndings("<br>");
        return new BridgedContent { Text = text, Html = rendered == plain ? null : rendered, Mentions = [.. mentions.Distinct()], InlineImages = images };
    }

    /// <summary>Bold, italics, strike-through and inline code of a run without mentions or code blocks.</summary>
    private static string Inline(string run)
    {
        var html = WebUtility.HtmlEncode(run);
        html = InlineCode().Replace(html, "<code>$1</code>");
        html = Bold().Replace(html, "<strong>$1</strong>");
        html = Italic().Replace(html, "<em>$1</em>");
        html = Strike().Replace(html, "<del>$1</del>");
        return html.ReplaceLineEndings("<br>");
    }

    /// <summary>
    /// Neutral content to Discord markdown: mentions of Discord users become <c>&lt;@id&gt;</c> (returned, so that
    /// allowed_mentions pings only them), the formatting Discord has becomes markdown, and other text is escaped so a
    /// Matrix user's <c>*</c> stays a star. An inline image (a Matrix custom emoji) becomes the custom emoji
    /// <paramref name="customEmoji"/> knows by its alt text (<c>:name:</c>), else that alt text.
    /// </summary>
    public static (string Content, IReadOnlyList<string> Mentioned) FromBridged(BridgedContent content, Func<string, string?>? customEmoji = null)
    {
        var mentioned = new List<string>();
        if (content.Html is not { } html)
        {
            return (Escape(content.Text), mentioned);
        }

        var result = new StringBuilder();
        var last = 0;
        foreach (Match m in HtmlTokens().Matches(html))
        {
            result.Append(Escape(WebUtility.HtmlDecode(html[last..m.Index])));
            last = m.Index + m.Length;
            if (m.Groups["mention"].Success)
            {
                var id = WebUtility.HtmlDecode(m.Groups["mention"].Value);
                if (DiscordIds.IsSnowflake(id))
                {
                    mentioned.Add(id);
                    result.Append("<@").Append(id).Append('>');
                }
                else
                {
                    result.Append(Escape(WebUtility.HtmlDecode(m.Groups["mtext"].Value)));
                }

                continue;
            }

            if (m.Groups["img"].Success)
            {
                var alt = WebUtility.HtmlDecode(m.Groups["alt"].Value);
                result.Append(customEmoji?.Invoke(alt) ?? Escape(alt));
                continue;
            }

            if (m.Groups["code"].Success)
            {
                result.Append("```\n").Append(WebUtility.HtmlDecode(m.Groups["code"].Value)).Append("\n```");
                continue;
            }

            var tag = m.Groups["tag"].Value.ToLowerInvariant();
            result.Append(tag switch
            {
                "strong" or "b" => "**",
                "em" or "i" => "*",
                "del" or "s" or "strike" => "~~",
                "code" => "`",
                "br" => "\n",
                "p" when m.Groups["close"].Success => "\n",
                "li" when !m.Groups["close"].Success => "\n- ",
                "blockquote" when !m.Groups["close"].Success => "\n> ",
                _ => string.Empty,
            });
        }

        result.Append(Escape(WebUtility.HtmlDecode(html[last..])));
        return (result.ToString().Trim('\n'), mentioned.Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>Escapes the markdown and mention syntax Discord would otherwise render.</summary>
    public static string Escape(string text) => MarkdownSpecial().Replace(text, @"\$0");

    [GeneratedRegex(@"<@!?(?<user>[0-9]{1,20})>|<(?<animated>a?):(?<emoji>[A-Za-z0-9_]{1,32}):(?<emojiid>[0-9]{1,20})>|```(?:[A-Za-z0-9_+-]*\n)?(?<block>[\s\S]*?)```")]
    private static partial Regex Tokens();

    [GeneratedRegex(@"`([^`\n]+)`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"\*\*(.+?)\*\*")]
    private static partial Regex Bold();

    [GeneratedRegex(@"(?<![\w*])[*_](?![\s*_])(.+?)(?<![\s*_])[*_](?![\w*])")]
    private static partial Regex Italic();

    [GeneratedRegex(@"~~(.+?)~~")]
    private static partial Regex Strike();

    [GeneratedRegex("<a data-remote-user=\"(?<mention>[^\"]*)\">(?<mtext>.*?)</a>|<pre><code[^>]*>(?<code>[\\s\\S]*?)</code></pre>|(?<img><img\\b[^>]*?\\balt=\"(?<alt>[^\"]*)\"[^>]*>)|<(?<close>/)?(?<tag>[a-zA-Z0-9]+)[^>]*>", RegexOptions.Singleline)]
    private static partial Regex HtmlTokens();

    [GeneratedRegex(@"[\\*_~`|]|(?m:^>)|<(?=[@#:a])")]
    private static partial Regex MarkdownSpecial();
}
