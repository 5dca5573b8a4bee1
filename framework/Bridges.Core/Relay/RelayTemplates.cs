using Bridges.Core.Content;
using Bridges.Core.Formatting;

namespace Bridges.Core.Relay;

/// <summary>Renders a relayed message with the configured template for its kind.</summary>
internal static class RelayTemplates
{
    public static BridgedContent Apply(RelayOptions options, BridgedContent content, string displayName, string userId)
    {
        var template = content.Attachments.Count > 0 ? options.FileTemplate : content.Kind switch
        {
            MessageKind.Emote => options.EmoteTemplate,
            MessageKind.Notice => options.NoticeTemplate,
            _ => options.TextTemplate,
        };
        var message = content.Attachments.Count > 0 && content.Text.Length == 0 ? content.Attachments[0].FileName : content.Text;
        var text = Render(template, displayName, userId, message);
        var html = content.Html is null ? null : Render(MatrixHtml.Escape(template), MatrixHtml.Escape(displayName), MatrixHtml.Escape(userId), content.Html);
        // An emote rendered through a template is a plain line: "* alice waves" already says it is an action.
        return content with { Text = text, Html = html, Kind = content.Kind == MessageKind.Emote ? MessageKind.Text : content.Kind };
    }

    private static string Render(string template, string displayName, string userId, string message) =>
        template.Replace("{displayname}", displayName, StringComparison.Ordinal)
            .Replace("{userid}", userId, StringComparison.Ordinal)
            .Replace("{message}", message, StringComparison.Ordinal);
}
