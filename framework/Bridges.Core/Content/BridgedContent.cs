using Bridges.Core.Network.Ids;

namespace Bridges.Core.Content;

/// <summary>
/// A network-neutral message: plain text always, optionally a small safe-HTML rendering, reply and thread
/// targets as remote ids, mentions, and attachments. Plugins convert to and from their own format only.
/// </summary>
public sealed record BridgedContent
{
    /// <summary>Plain text; never null.</summary>
    public string Text { get; init; } = string.Empty;

    /// <summary>Safe HTML (the core sanitises it going either way), or null for plain text.</summary>
    public string? Html { get; init; }

    /// <summary>Text, notice or emote.</summary>
    public MessageKind Kind { get; init; } = MessageKind.Text;

    /// <summary>The message this one replies to.</summary>
    public RemoteMessageId? ReplyTo { get; init; }

    /// <summary>The thread root, where the network has threads.</summary>
    public RemoteMessageId? ThreadRoot { get; init; }

    /// <summary>Users mentioned.</summary>
    public IReadOnlyList<RemoteUserId> Mentions { get; init; } = [];

    /// <summary>Files, images, audio and video.</summary>
    public IReadOnlyList<MediaSource> Attachments { get; init; } = [];

    /// <summary>
    /// Images inside the text (custom emoji), each written into <see cref="Html"/> with
    /// <see cref="Formatting.InlineImages.Tag"/>; <see cref="Text"/> carries their alt text.
    /// </summary>
    public IReadOnlyList<InlineImage> InlineImages { get; init; } = [];

    /// <summary>
    /// A subject line (email, forum posts); null for networks without one. Shown to Matrix users as a bold first line,
    /// so a plugin sets it where it carries information (a new thread, a changed subject), not on every reply.
    /// </summary>
    public string? Subject { get; init; }

    /// <summary>
    /// A small set of network headers on remote messages (email's <c>List-Id</c>, <c>Auto-Submitted</c>…), kept on the
    /// Matrix event as <c>net.bridges.headers</c> after the core sanitised them (RFC 5322 field names, single-line
    /// bounded values, at most 16). Never filled from Matrix: a Matrix user does not choose a mail's headers.
    /// </summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>A geo URI for locations.</summary>
    public string? GeoUri { get; init; }

    /// <summary>Plain text content.</summary>
    public static BridgedContent FromText(string text, MessageKind kind = MessageKind.Text) => new() { Text = text, Kind = kind };
}
