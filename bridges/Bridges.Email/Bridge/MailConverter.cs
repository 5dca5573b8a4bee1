using System.Globalization;
using Bridges.Core.Content;
using Bridges.Core.Formatting;
using Bridges.Core.Network;
using MimeKit;

namespace Bridges.Email.Bridge;

/// <summary>
/// Mail bodies to neutral content and back. HTML from mail is sanitised here (and again by the core) before it can
/// reach Matrix; text/plain-only mail is taken as it is, and HTML-only mail gets a plain body converted from its HTML.
/// Every non-body MIME part becomes an attachment; one over the size limit becomes a line saying so, never nothing.
/// </summary>
internal static class MailConverter
{
    /// <summary>Headers worth keeping on the Matrix event (the core bounds and sanitises them).</summary>
    private static readonly string[] KeptHeaders = ["Message-ID", "In-Reply-To", "List-Id", "Auto-Submitted"];

    public static async Task<BridgedContent> ToContentAsync(MimeMessage message, long maxAttachmentBytes, CancellationToken ct)
    {
        var html = message.HtmlBody;
        var text = message.TextBody ?? (html is null ? string.Empty : HtmlText.From(html));
        text = text.ReplaceLineEndings("\n").TrimEnd();
        var safeHtml = html is null ? null : MatrixHtml.Sanitize(HtmlText.BodyOf(html)).Trim();
        var attachments = new List<MediaSource>();
        var refused = new List<string>();
        foreach (var part in message.BodyParts.OfType<MimePart>())
        {
            if (part is TextPart && !part.IsAttachment)
            {
                continue;
            }

            var name = NetworkHeaders.SafeLine(part.FileName) ?? "attachment";
            var bytes = await DecodeAsync(part, maxAttachmentBytes, ct).ConfigureAwait(false);
            if (bytes is null)
            {
                refused.Add(string.Create(CultureInfo.InvariantCulture, $"📎 {name} was not bridged: it is larger than the {maxAttachmentBytes}-byte attachment limit."));
                continue;
            }

            attachments.Add(new MediaSource
            {
                MimeType = part.ContentType.MimeType.ToLowerInvariant(),
                FileName = name,
                Size = bytes.Length,
                OpenAsync = _ => Task.FromResult<Stream>(new MemoryStream(bytes, writable: false)),
            });
        }

        if (refused.Count > 0)
        {
            text = string.Join("\n", refused.Prepend(text)).Trim();
            safeHtml = safeHtml is null ? null : safeHtml + string.Concat(refused.Select(r => "<p>" + MatrixHtml.Escape(r) + "</p>"));
        }

        var headers = KeptHeaders.Select(h => (h, v: message.Headers[h])).Where(x => x.v is not null)
            .Select(x => new KeyValuePair<string, string>(x.h, x.v!));
        return new BridgedContent
        {
            Text = text,
            Html = string.IsNullOrEmpty(safeHtml) ? null : safeHtml,
            Attachments = attachments,
            Headers = NetworkHeaders.Sanitize(headers),
        };
    }

    /// <summary>The body of an outgoing mail: plain text, the sanitised HTML when there is any, and the attachments.</summary>
    public static async Task<MimeEntity> ToBodyAsync(BridgedContent content, long maxAttachmentBytes, CancellationToken ct)
    {
        var body = new BodyBuilder { TextBody = content.Text };
        if (content.Html is { Length: > 0 } html)
        {
            body.HtmlBody = "<html><body>" + MatrixHtml.Sanitize(html) + "</body></html>";
        }

        foreach (var media in content.Attachments)
        {
            var name = NetworkHeaders.SafeLine(media.FileName) ?? "attachment";
            byte[] bytes;
            try
            {
                bytes = await media.ReadAllAsync(maxAttachmentBytes, ct).ConfigureAwait(false);
            }
            catch (MediaTooLargeException)
            {
                throw new RemotePermanentException(string.Create(CultureInfo.InvariantCulture, $"{name} is larger than the {maxAttachmentBytes}-byte attachment limit, so it was not mailed."));
            }
            var type = ContentType.TryParse(media.MimeType, out var parsed) ? parsed : new ContentType("application", "octet-stream");
            body.Attachments.Add(name, bytes, type);
        }

        return body.ToMessageBody();
    }

    private static async Task<byte[]?> DecodeAsync(MimePart part, long max, CancellationToken ct)
    {
        if (part.Content is null)
        {
            return [];
        }

        using var decoded = new MemoryStream();
        await part.Content.DecodeToAsync(decoded, ct).ConfigureAwait(false);
        return decoded.Length > max ? null : decoded.ToArray();
    }
}
