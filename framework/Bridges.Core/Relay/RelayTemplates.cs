using System.Text;
using System.Text.RegularExpressions;
using Bridges.Core.Content;
using Bridges.Core.Formatting;

namespace Bridges.Core.Relay;

/// <summary>
/// Renders a relayed message with the configured template for its kind. Every line gets the template, and names
/// lose their control characters, so no relayed user can produce a line that looks like someone else's.
/// </summary>
public static partial class RelayTemplates
{
    /// <summary>The content as the relay sends it for <paramref name="displayName"/>: the kind's template on each line.</summary>
    /// <param name="options">The templates.</param>
    /// <param name="content">The message as its author wrote it.</param>
    /// <param name="displayName">The author's display name (made safe for one line here).</param>
    /// <param name="userId">The author's Matrix user id.</param>
    /// <param name="everyLine">Template every line, for networks where each line is a message of its own (IRC), so
    /// a line of a relayed message can never pass for another user's; otherwise the message is templated once.</param>
    public static BridgedContent Apply(RelayOptions options, BridgedContent content, string displayName, string userId, bool everyLine = true)
    {
        var template = content.Attachments.Count > 0 ? options.FileTemplate : content.Kind switch
        {
            MessageKind.Emote => options.EmoteTemplate,
            MessageKind.Notice => options.NoticeTemplate,
            _ => options.TextTemplate,
        };
        var name = SafeName(displayName);
        var id = SafeName(userId);
        var message = content.Attachments.Count > 0 && content.Text.Length == 0 ? content.Attachments[0].FileName : content.Text;
        var lines = everyLine ? LineBreak().Split(message) : [message];
        var text = string.Join('\n', lines.Select(line => Render(template, name, id, line)));
        // HTML that breaks lines would need the template inside its markup on every line; such a message goes out as
        // its templated plain text instead, so a network that renders the HTML cannot show an unprefixed line.
        var html = content.Html is null || everyLine && (lines.Length > 1 || BreaksLines().IsMatch(content.Html))
            ? null
            : Render(MatrixHtml.Escape(template), MatrixHtml.Escape(name), MatrixHtml.Escape(id), content.Html);
        // An emote rendered through a template is a plain line: "* alice waves" already says it is an action.
        return content with { Text = text, Html = html, Kind = content.Kind == MessageKind.Emote ? MessageKind.Text : content.Kind };
    }

    /// <summary>A name fit for one line: control characters and line or paragraph separators become spaces.</summary>
    /// <param name="name">A display name or user id.</param>
    public static string SafeName(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var rune in name.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            builder.Append(category is System.Globalization.UnicodeCategory.Control or System.Globalization.UnicodeCategory.LineSeparator
                or System.Globalization.UnicodeCategory.ParagraphSeparator ? " " : rune.ToString());
        }

        var safe = string.Join(' ', builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return safe.Length == 0 ? "?" : safe;
    }

    private static string Render(string template, string displayName, string userId, string message) =>
        template.Replace("{displayname}", displayName, StringComparison.Ordinal)
            .Replace("{userid}", userId, StringComparison.Ordinal)
            .Replace("{message}", message, StringComparison.Ordinal);

    [GeneratedRegex("\r\n|[\r\n\u0085\u2028\u2029]")]
    private static partial Regex LineBreak();

    [GeneratedRegex(@"<\s*(br|p|div|li|ul|ol|pre|blockquote|h[1-6]|tr|table|hr)\b|[\r\n]", RegexOptions.IgnoreCase)]
    private static partial Regex BreaksLines();
}
