using System.Text;
using Bridges.Core.Formatting;
using Bridges.Core.Network.Ids;
using Bridges.Matrix.Client;
using Bridges.Matrix.Events;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Content;

/// <summary>Turns neutral content into Matrix message contents and back, sanitising HTML both ways.</summary>
internal static class ContentConverter
{
    /// <summary>The text part of a remote message (null when it has no text), with relations applied by the caller.</summary>
    public static MessageContent? ToMatrixText(BridgedContent content, IReadOnlyList<UserId> mentions, Func<RemoteUserId, UserId>? ghostFor = null)
    {
        var subject = NetworkHeaders.SafeLine(content.Subject);
        if (string.IsNullOrEmpty(content.Text) && content.GeoUri is null && subject is null)
        {
            return null;
        }

        var msgtype = content.GeoUri is not null ? MessageTypes.Location : content.Kind switch
        {
            MessageKind.Notice => MessageTypes.Notice,
            MessageKind.Emote => MessageTypes.Emote,
            _ => MessageTypes.Text,
        };
        var html = content.Html is null ? null : MatrixHtml.Sanitize(ghostFor is null ? content.Html : MentionPills.ToMatrix(content.Html, ghostFor));
        var body = string.IsNullOrEmpty(content.Text) ? content.GeoUri ?? string.Empty : content.Text;
        if (subject is not null)
        {
            // The subject leads as a bold line; the plain body keeps it too, for clients without HTML.
            html = $"<strong>{MatrixHtml.Escape(subject)}</strong>" + (body.Length == 0 ? string.Empty : "<br>" + (html ?? MatrixHtml.Escape(body).ReplaceLineEndings("<br>")));
            body = body.Length == 0 ? subject : subject + "\n\n" + body;
        }

        var headers = NetworkHeaders.Sanitize(content.Headers);
        return new MessageContent
        {
            MsgType = msgtype,
            Body = body,
            Format = html is null ? null : MessageTypes.HtmlFormat,
            FormattedBody = html,
            GeoUri = content.GeoUri,
            Mentions = new Mentions { UserIds = mentions },
            Subject = subject,
            Headers = headers.Count == 0 ? null : new Dictionary<string, string>(headers),
        };
    }

    /// <summary>A media part of a remote message, after upload.</summary>
    public static MessageContent ToMatrixMedia(MediaSource media, MxcUri uri, string? caption) => new()
    {
        MsgType = media.Kind switch
        {
            MediaKind.Image => MessageTypes.Image,
            MediaKind.Audio => MessageTypes.Audio,
            MediaKind.Video => MessageTypes.Video,
            _ => MessageTypes.File,
        },
        Body = caption ?? media.FileName,
        FileName = caption is null ? null : media.FileName,
        Url = uri,
        Info = new MediaInfo
        {
            MimeType = media.MimeType,
            Size = media.Size,
            Width = media.Dimensions?.Width,
            Height = media.Dimensions?.Height,
            Duration = media.Duration is { } d ? (long)d.TotalMilliseconds : null,
        },
    };

    /// <summary>A Matrix message as neutral content; reply and mentions are resolved by the caller.</summary>
    public static BridgedContent FromMatrix(MessageContent content, Intent downloader, RemoteMessageId? replyTo, IReadOnlyList<RemoteUserId> mentions,
        Func<UserId, RemoteUserId?>? remoteFor = null)
    {
        // A thread's fallback m.in_reply_to carries no reply fallback text to strip: a quote the user wrote stays.
        var isReply = content.RelatesTo is { InReplyTo: not null } relates && relates.IsFallingBack != true;
        var text = isReply ? StripPlainReplyFallback(content.Body) : content.Body;
        string? html = null;
        if (content.Format == MessageTypes.HtmlFormat && content.FormattedBody is { } formatted)
        {
            html = MatrixHtml.Sanitize(isReply ? MatrixHtml.StripReplyFallback(formatted) : formatted);
            if (remoteFor is not null)
            {
                html = MentionPills.ToRemote(html, remoteFor);
            }
        }

        var attachments = new List<MediaSource>();
        if (MessageTypes.IsMedia(content.MsgType) && content.Url is { } url)
        {
            var name = content.FileName ?? content.Body;
            attachments.Add(new MediaSource
            {
                MimeType = content.Info?.MimeType ?? "application/octet-stream",
                FileName = name,
                Size = content.Info?.Size,
                Dimensions = content.Info is { Width: { } w, Height: { } h } ? (w, h) : null,
                MatrixUri = url.Value,
                OpenAsync = async ct => (await downloader.DownloadAsync(url, ct).ConfigureAwait(false)).Content,
            });
            // The body is only a caption when a separate file name exists.
            text = content.FileName is not null && content.FileName != content.Body ? content.Body : string.Empty;
            html = text.Length == 0 ? null : html;
        }

        return new BridgedContent
        {
            Text = text,
            Html = html,
            Kind = content.MsgType switch
            {
                MessageTypes.Notice => MessageKind.Notice,
                MessageTypes.Emote => MessageKind.Emote,
                _ => MessageKind.Text,
            },
            ReplyTo = replyTo,
            // A subject a bridge-aware client set; headers are not taken from Matrix users (a Bcc: or From: of
            // their choosing is not theirs to add), so plugins set their own.
            Subject = NetworkHeaders.SafeLine(content.Subject),
            Mentions = mentions,
            Attachments = attachments,
            GeoUri = content.MsgType == MessageTypes.Location ? content.GeoUri : null,
        };
    }

    /// <summary>Drops the "&gt; &lt;@user&gt; quoted" lines that older clients put before a reply.</summary>
    private static string StripPlainReplyFallback(string body)
    {
        if (!body.StartsWith("> ", StringComparison.Ordinal))
        {
            return body;
        }

        var lines = body.Split('\n');
        var i = 0;
        while (i < lines.Length && lines[i].StartsWith('>'))
        {
            i++;
        }

        var sb = new StringBuilder();
        for (var j = i; j < lines.Length; j++)
        {
            if (j == i && lines[j].Length == 0)
            {
                continue;
            }

            if (sb.Length > 0)
            {
                sb.Append('\n');
            }

            sb.Append(lines[j]);
        }

        return sb.ToString();
    }
}
