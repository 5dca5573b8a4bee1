namespace Bridges.Irc.Client;

/// <summary>
/// A PRIVMSG/NOTICE/TAGMSG as a bridge needs it: sender, target, decoded text (CTCP framing removed), tags and
/// the server-time/msgid/account metadata. A <c>draft/multiline</c> batch arrives as one message whose text
/// is the combined text (lines joined with LF, or directly when <c>draft/multiline-concat</c> is set).
/// </summary>
internal sealed class IrcChatMessage
{
    public required IrcChatMessageKind Kind { get; init; }

    public required IrcSource Source { get; init; }

    /// <summary>Target as sent (a channel, possibly with a STATUSMSG prefix removed, or our nick).</summary>
    public required string Target { get; init; }

    /// <summary>Text without CTCP delimiters; empty for TAGMSG.</summary>
    public required string Text { get; init; }

    /// <summary>CTCP command for <see cref="IrcChatMessageKind.CtcpRequest"/>/<see cref="IrcChatMessageKind.CtcpReply"/>.</summary>
    public string? CtcpCommand { get; init; }

    /// <summary>Tags of the message (of the BATCH opener for multiline).</summary>
    public required IrcTags Tags { get; init; }

    /// <summary>Server time, or local receive time when the server sent none.</summary>
    public required DateTimeOffset Time { get; init; }

    public string? MsgId => Tags["msgid"];

    /// <summary>Sender's account (account-tag), when known.</summary>
    public string? Account => Tags["account"];

    /// <summary>STATUSMSG prefix the target carried (e.g. '@' for <c>@#chan</c>), if any.</summary>
    public char? StatusPrefix { get; init; }

    /// <summary>True when the target is a channel, false for a private message to us.</summary>
    public required bool IsChannel { get; init; }

    /// <summary>True when we sent it (echo-message).</summary>
    public required bool IsEcho { get; init; }

    /// <summary>Where a reply goes: the channel, or the sender for private messages.</summary>
    public string ReplyTarget => IsChannel ? Target : Source.Nick;

    /// <summary>The protocol line(s): one, or all PRIVMSG/NOTICE lines of a multiline batch.</summary>
    public required IReadOnlyList<IrcMessage> Lines { get; init; }
}
