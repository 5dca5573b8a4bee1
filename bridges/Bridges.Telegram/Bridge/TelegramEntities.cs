using System.Text;
using Bridges.Core.Content;
using Bridges.Core.Formatting;
using Bridges.Core.Network.Ids;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Bridges.Telegram.Bridge;

/// <summary>
/// Telegram text with entities to neutral content: bold, italic, underline, strikethrough, spoiler, code, pre,
/// blockquote, links and mentions become safe HTML; everything else stays plain text.
/// </summary>
internal static class TelegramEntities
{
    /// <summary>The content of a text or caption; <paramref name="userByName"/> resolves @username mentions to users seen before.</summary>
    public static BridgedContent ToContent(string text, IReadOnlyList<MessageEntity>? entities, Func<string, long?> userByName)
    {
        var mentions = new List<RemoteUserId>();
        var formatted = (entities ?? []).Where(e => e.Length > 0 && e.Offset >= 0 && e.Offset + e.Length <= text.Length && Tags(e, text, userByName) is not null).ToList();
        if (formatted.Count == 0)
        {
            return BridgedContent.FromText(text);
        }

        // Longer entities open first so nested ones close inside them; a partial overlap closes and reopens the inner ones.
        var opens = formatted.OrderBy(e => e.Offset).ThenByDescending(e => e.Length).ToList();
        var html = new StringBuilder();
        var run = new StringBuilder();
        // Text is escaped in runs, never char by char: a lone surrogate half of an emoji would not survive escaping.
        void Flush()
        {
            html.Append(MatrixHtml.Escape(run.ToString()));
            run.Clear();
        }

        var stack = new List<MessageEntity>();
        var next = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (stack.Any(e => e.Offset + e.Length == i) || (next < opens.Count && opens[next].Offset == i) || i == text.Length)
            {
                Flush();
            }

            foreach (var ending in stack.Where(e => e.Offset + e.Length == i).ToList())
            {
                var at = stack.IndexOf(ending);
                for (var j = stack.Count - 1; j >= at; j--)
                {
                    html.Append(Tags(stack[j], text, userByName)!.Value.Close);
                }

                stack.RemoveAt(at);
                for (var j = at; j < stack.Count; j++)
                {
                    html.Append(Tags(stack[j], text, userByName)!.Value.Open);
                }
            }

            while (next < opens.Count && opens[next].Offset == i)
            {
                var entity = opens[next++];
                html.Append(Tags(entity, text, userByName)!.Value.Open);
                stack.Add(entity);
                if (MentionedUser(entity, text, userByName) is { } user)
                {
                    mentions.Add(TelegramIds.User(user));
                }
            }

            if (i < text.Length && text[i] == '\n' && !stack.Any(e => e.Type is MessageEntityType.Pre or MessageEntityType.Code))
            {
                Flush();
                html.Append("<br>");
            }
            else if (i < text.Length)
            {
                run.Append(text[i]);
            }
        }

        return new BridgedContent { Text = text, Html = html.ToString(), Mentions = mentions.Distinct().ToList() };
    }

    private static long? MentionedUser(MessageEntity entity, string text, Func<string, long?> userByName) => entity.Type switch
    {
        MessageEntityType.TextMention => entity.User?.Id,
        MessageEntityType.Mention => userByName(text.Substring(entity.Offset + 1, entity.Length - 1)),
        _ => null,
    };

    private static (string Open, string Close)? Tags(MessageEntity entity, string text, Func<string, long?> userByName) => entity.Type switch
    {
        MessageEntityType.Bold => ("<strong>", "</strong>"),
        MessageEntityType.Italic => ("<em>", "</em>"),
        MessageEntityType.Underline => ("<u>", "</u>"),
        MessageEntityType.Strikethrough => ("<del>", "</del>"),
        MessageEntityType.Spoiler => ("<span data-mx-spoiler>", "</span>"),
        MessageEntityType.Code => ("<code>", "</code>"),
        MessageEntityType.Pre => (string.IsNullOrEmpty(entity.Language) ? "<pre><code>" : $"<pre><code class=\"language-{MatrixHtml.Escape(entity.Language)}\">", "</code></pre>"),
        MessageEntityType.Blockquote or MessageEntityType.ExpandableBlockquote => ("<blockquote>", "</blockquote>"),
        MessageEntityType.TextLink when IsSafeLink(entity.Url) => ($"<a href=\"{MatrixHtml.Escape(entity.Url!)}\">", "</a>"),
        MessageEntityType.Url when IsSafeLink(Link(text.Substring(entity.Offset, entity.Length))) =>
            ($"<a href=\"{MatrixHtml.Escape(Link(text.Substring(entity.Offset, entity.Length)))}\">", "</a>"),
        MessageEntityType.TextMention or MessageEntityType.Mention when MentionedUser(entity, text, userByName) is { } user =>
            ($"<a data-remote-user=\"{TelegramIds.User(user).Value}\">", "</a>"),
        _ => null,
    };

    private static string Link(string url) => url.Contains("://", StringComparison.Ordinal) ? url : "https://" + url;

    private static bool IsSafeLink(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto" or "tg";
}
