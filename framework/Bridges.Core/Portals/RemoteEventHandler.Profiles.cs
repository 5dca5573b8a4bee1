using Bridges.Core.Content;
using Bridges.Core.Formatting;
using Bridges.Core.Network;
using Bridges.Core.Relay;
using Bridges.Matrix.Client;
using Bridges.Matrix.Events;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Portals;

internal sealed partial class RemoteEventHandler
{
    /// <summary>
    /// Shows a message under the per-message profile it carries (MSC4144), with the "Name: " fallback in front of the
    /// body for clients that do not know it; the name is single-line like every relayed name.
    /// </summary>
    private async Task<MessageContent> WithProfileAsync(MessageContent content, MessageProfile? profile, Intent intent, CancellationToken ct)
    {
        if (profile is null)
        {
            return content;
        }

        var name = RelayTemplates.SafeName(profile.DisplayName);
        MxcUri? avatar = null;
        if (profile.Avatar is { } source)
        {
            var key = profile.AvatarId ?? profile.Id;
            if (!services.ProfileAvatars.TryGetValue(key, out var known))
            {
                known = await MediaUpload.UploadAsync(intent, source, env.Options.MaxMediaBytes, ct).ConfigureAwait(false);
                services.ProfileAvatars[key] = known;
            }

            avatar = known;
        }

        var html = content.FormattedBody ?? MatrixHtml.Escape(content.Body).ReplaceLineEndings("<br>");
        return content with
        {
            Body = $"{name}: {content.Body}",
            Format = MessageTypes.HtmlFormat,
            FormattedBody = $"<strong data-mx-profile-fallback>{MatrixHtml.Escape(name)}: </strong>{html}",
            PerMessageProfile = new PerMessageProfile { Id = profile.Id, DisplayName = name, AvatarUrl = avatar, HasFallback = true },
        };
    }
}
