using System.Text;
using System.Text.Json.Nodes;
using Bridges.Core.Content;
using Bridges.Core.Network;
using Bridges.Discord.Api;

namespace Bridges.Discord.Bridge;

internal sealed partial class DiscordRelayClient
{
    /// <summary>Discord takes at most 10 files on one message.</summary>
    private const int MaxFilesPerMessage = 10;

    /// <summary>
    /// The message's files, each read within the guild's upload limit. A file over it goes as a link to the Matrix
    /// media when the bridge serves public links; without links the core's notice tells the sender it was not sent
    /// (the <see cref="MediaTooLargeException"/> propagates).
    /// </summary>
    private async Task<(List<DiscordUpload> Files, string Links)> UploadsAsync(OutgoingMessage message, CancellationToken ct)
    {
        var limit = CapabilitiesFor(message.Portal).MaxMediaBytes;
        var files = new List<DiscordUpload>();
        var links = new StringBuilder();
        foreach (var media in message.Content.Attachments)
        {
            if (files.Count < MaxFilesPerMessage)
            {
                try
                {
                    var bytes = await media.ReadAllAsync(limit, ct).ConfigureAwait(false);
                    files.Add(new DiscordUpload(UploadName(media.FileName), media.MimeType, bytes));
                    continue;
                }
                catch (MediaTooLargeException) when (Host.Media.Enabled && media.MatrixUri is not null)
                {
                    Log.MediaAsLink(_logger, media.FileName, limit);
                }
            }

            if (media.MatrixUri is not { } uri)
            {
                continue;
            }

            links.Append(links.Length > 0 ? "\n" : string.Empty).Append(DiscordMarkdown.Escape(media.FileName)).Append(": ").Append(Host.Media.LinkFor(uri, media.FileName));
        }

        return (files, links.ToString());
    }

    /// <summary>The <c>attachments</c> array naming each <c>files[n]</c> part, as the upload docs ask.</summary>
    private static void DescribeFiles(JsonObject body, IReadOnlyList<DiscordUpload> files)
    {
        if (files.Count > 0)
        {
            body["attachments"] = new JsonArray([.. files.Select((f, i) => (JsonNode)new JsonObject
            {
                ["id"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["filename"] = f.FileName,
            })]);
        }
    }

    /// <summary>A file name Discord keeps (1–1024 characters, no path); Matrix clients may send anything.</summary>
    private static string UploadName(string name)
    {
        var bare = Path.GetFileName(name.Replace('\\', '/')).Trim();
        if (bare.Length == 0)
        {
            bare = "file";
        }

        return bare.Length > 1024 ? bare[^1024..] : bare;
    }
}
