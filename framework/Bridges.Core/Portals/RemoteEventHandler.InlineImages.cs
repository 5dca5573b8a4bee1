using Bridges.Core.Content;
using Bridges.Core.Formatting;
using Bridges.Matrix.Client;
using Bridges.Matrix.Ids;
using Microsoft.Extensions.Logging;

namespace Bridges.Core.Portals;

internal sealed partial class RemoteEventHandler
{
    /// <summary>Custom emoji are small; a larger "inline" image is shown as its alt text rather than inflating the text.</summary>
    private const long MaxInlineImageBytes = 1024 * 1024;

    /// <summary>
    /// The content with its inline images uploaded (as the sender, once per image id) and written in as Matrix inline
    /// images; an image that cannot be uploaded shows as its alt text, so the message is never held back by it.
    /// </summary>
    private async Task<BridgedContent> WithInlineImagesAsync(BridgedContent content, Intent intent, CancellationToken ct)
    {
        if (content.Html is not { } html || !html.Contains("data-remote-image", StringComparison.Ordinal))
        {
            return content;
        }

        var sources = content.InlineImages.GroupBy(i => i.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Source, StringComparer.Ordinal);
        var uris = new Dictionary<string, MxcUri>(StringComparer.Ordinal);
        foreach (var id in InlineImages.IdsIn(html))
        {
            if (services.InlineImages.TryGetValue(id, out var known))
            {
                uris[id] = known;
                continue;
            }

            if (!sources.TryGetValue(id, out var source))
            {
                continue;
            }

            try
            {
                var uri = await MediaUpload.UploadAsync(intent, source, Math.Min(MaxInlineImageBytes, env.Options.MaxMediaBytes), ct).ConfigureAwait(false);
                uris[id] = services.InlineImages[id] = uri;
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                Media.Log.InlineImageFailed(env.LoggerFactory.CreateLogger<RemoteEventHandler>(), id, e);
            }
        }

        return content with { Html = InlineImages.ToMatrix(html, id => uris.TryGetValue(id, out var uri) ? uri : null), InlineImages = [] };
    }
}
