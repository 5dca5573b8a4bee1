using System.Text;
using System.Text.RegularExpressions;
using Bridges.Core.Content;
using Bridges.Core.Formatting;
using Bridges.Core.Network.Ids;
using Bridges.Irc.Client;

namespace Bridges.Irc.Bridge;

/// <summary>A nick found in IRC text, as the remote user it names (a ghost, or a puppet: the core mentions its Matrix user).</summary>
internal readonly record struct IrcMention(RemoteUserId User, string Nick);

/// <summary>
/// IRC text to neutral content: formatting codes become safe HTML (<c>b</c>, <c>i</c>, <c>u</c>, <c>del</c>,
/// <c>code</c>, <c>font data-mx-color</c>; fg = bg is a spoiler), the plain body is always the text without codes, and
/// nicks of channel members become mentions. HTML is set only when there is formatting or a mention.
/// </summary>
internal static partial class IrcText
{
    public static BridgedContent ToContent(string irc, MessageKind kind, Func<string, IrcMention?> mention)
    {
        var spans = IrcFormatting.Parse(irc);
        var plain = new StringBuilder();
        var html = new StringBuilder();
        var mentions = new List<RemoteUserId>();
        var rich = false;
        foreach (var span in spans)
        {
            plain.Append(span.Text);
            var (open, close) = Tags(span);
            rich |= open.Length > 0;
            html.Append(open);
            var at = 0;
            foreach (Match word in NickLike().Matches(span.Text))
            {
                if (word.Length < 2 || mention(word.Value) is not { } found)
                {
                    continue;
                }

                html.Append(Escape(span.Text[at..word.Index]));
                html.Append(MentionPills.RemoteMention(found.User, word.Value));
                if (!mentions.Contains(found.User))
                {
                    mentions.Add(found.User);
                }

                rich = true;
                at = word.Index + word.Length;
            }

            html.Append(Escape(span.Text[at..])).Append(close);
        }

        return new BridgedContent { Text = plain.ToString(), Html = rich ? html.ToString() : null, Kind = kind, Mentions = mentions };
    }

    private static (string Open, string Close) Tags(IrcTextSpan span)
    {
        var open = new StringBuilder();
        var close = new StringBuilder();
        void Wrap(string o, string c)
        {
            open.Append(o);
            close.Insert(0, c);
        }

        if (span.Foreground is { } fg && fg == span.Background)
        {
            Wrap("<span data-mx-spoiler=\"\">", "</span>");
        }
        else if (span.Foreground is not null || span.Background is not null)
        {
            var attributes = (span.Foreground is { } f ? $" data-mx-color=\"{f.ToHex()}\"" : string.Empty) + (span.Background is { } b ? $" data-mx-bg-color=\"{b.ToHex()}\"" : string.Empty);
            Wrap($"<font{attributes}>", "</font>");
        }

        foreach (var (style, tag) in new[] { (IrcTextStyle.Monospace, "code"), (IrcTextStyle.Bold, "b"), (IrcTextStyle.Italic, "i"), (IrcTextStyle.Underline, "u"), (IrcTextStyle.Strikethrough, "del") })
        {
            if (span.Style.HasFlag(style))
            {
                Wrap($"<{tag}>", $"</{tag}>");
            }
        }

        return (open.ToString(), close.ToString());
    }

    private static string Escape(string text) => MatrixHtml.Escape(text).Replace("\n", "<br>", StringComparison.Ordinal);

    [GeneratedRegex(@"[A-Za-z\[\]\\`_^{|}][A-Za-z0-9\[\]\\`_^{|}\-]*")]
    private static partial Regex NickLike();
}
