using System.Text.Json.Serialization;
using Bridges.Matrix.Ids;

namespace Bridges.Matrix.Events;

/// <summary>Content of <c>m.room.message</c> (and <c>m.sticker</c>): text, notice, emote, media, location.</summary>
public sealed record MessageContent
{
    [JsonPropertyName("msgtype")]
    public string MsgType { get; init; } = MessageTypes.Text;

    [JsonPropertyName("body")]
    public string Body { get; init; } = string.Empty;

    /// <summary><see cref="MessageTypes.HtmlFormat"/> when <see cref="FormattedBody"/> is set.</summary>
    [JsonPropertyName("format")]
    public string? Format { get; init; }

    [JsonPropertyName("formatted_body")]
    public string? FormattedBody { get; init; }

    /// <summary>Media location for image, file, audio and video messages.</summary>
    [JsonPropertyName("url")]
    public MxcUri? Url { get; init; }

    /// <summary>The original file name, when <see cref="Body"/> is a caption (spec v1.10+).</summary>
    [JsonPropertyName("filename")]
    public string? FileName { get; init; }

    [JsonPropertyName("info")]
    public MediaInfo? Info { get; init; }

    /// <summary>For <c>m.location</c>: a <c>geo:</c> URI.</summary>
    [JsonPropertyName("geo_uri")]
    public string? GeoUri { get; init; }

    [JsonPropertyName("m.relates_to")]
    public RelatesTo? RelatesTo { get; init; }

    /// <summary>For edits: the replacement content.</summary>
    [JsonPropertyName("m.new_content")]
    public MessageContent? NewContent { get; init; }

    /// <summary>Intentional mentions (spec v1.7+).</summary>
    [JsonPropertyName("m.mentions")]
    public Mentions? Mentions { get; init; }

    /// <summary>
    /// Set on messages a bridge sent as a double-puppeted real user, so that bridge (and others) do not bridge them
    /// back when the homeserver echoes them in a transaction.
    /// </summary>
    [JsonPropertyName("net.bridges.double_puppet_source")]
    public string? DoublePuppetSource { get; init; }

    /// <summary>MSC4144: the name and avatar this one message is shown under.</summary>
    [JsonPropertyName("com.beeper.per_message_profile")]
    public PerMessageProfile? PerMessageProfile { get; init; }

    /// <summary>A subject line from networks that have one (email), kept beside the rendered text for clients that know it.</summary>
    [JsonPropertyName("net.bridges.subject")]
    public string? Subject { get; init; }

    /// <summary>A few network headers (email), sanitised; see the core's NetworkHeaders.</summary>
    [JsonPropertyName("net.bridges.headers")]
    public Dictionary<string, string>? Headers { get; init; }

    /// <summary>Plain text.</summary>
    public static MessageContent Text(string body, string? html = null, string msgtype = MessageTypes.Text) => new()
    {
        MsgType = msgtype,
        Body = body,
        Format = html is null ? null : MessageTypes.HtmlFormat,
        FormattedBody = html,
    };

    /// <summary>A notice (bots and bridges use these for status messages).</summary>
    public static MessageContent Notice(string body, string? html = null) => Text(body, html, MessageTypes.Notice);
}
