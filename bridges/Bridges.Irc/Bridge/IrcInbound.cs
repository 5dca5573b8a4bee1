using Bridges.Core.Content;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;
using Bridges.Irc.Client;

namespace Bridges.Irc.Bridge;

/// <summary>IRC chat lines as remote events, shared by the relay bot (channels) and puppets (private messages).</summary>
internal static class IrcInbound
{
    /// <summary>A remote message with its id (msgid or derived), reply target (<c>+reply</c>) and sender remembered.</summary>
    public static RemoteMessage Message(IrcNetworkContext network, PortalKey portal, EventSender from, IrcChatMessage m, BridgedContent content, string foldedTarget)
    {
        var id = IrcIds.Message(m.MsgId, network.Id, foldedTarget, m.Time, network.Fold(m.Source.Nick), m.Text);
        network.Remember(id, m.Source.Nick, m.Text);
        return new RemoteMessage(portal, from, m.Time, id, content with { ReplyTo = ReplyTo(m.Tags) });
    }

    /// <summary>The msgid a line replies to: the ratified <c>+reply</c> client tag, or the older <c>+draft/reply</c>.</summary>
    public static RemoteMessageId? ReplyTo(IrcTags tags) =>
        tags["+reply"] is { Length: > 0 } reply ? new RemoteMessageId(reply)
        : tags["+draft/reply"] is { Length: > 0 } draft ? new RemoteMessageId(draft)
        : null;

    /// <summary>Reply tags for a line answering <paramref name="target"/>: <c>+reply</c>, and <c>+draft/reply</c> for older clients.</summary>
    public static IrcTags ReplyTags(IrcTags tags, RemoteMessageId target) => tags.With("+reply", target.Value).With("+draft/reply", target.Value);

    /// <summary>A REDACT (draft/message-redaction) of <paramref name="msg"/>'s target message; null when malformed.</summary>
    public static RemoteRedaction? Redaction(PortalKey portal, EventSender from, IrcMessage msg, DateTimeOffset time) =>
        msg.Command == IrcCommands.Redact && msg.Param(1) is { Length: > 0 } msgId ? new RemoteRedaction(portal, from, time, new RemoteMessageId(msgId)) : null;

    /// <summary>A TAGMSG (or tagged line) as typing or a reaction; null when it is neither.</summary>
    public static RemoteEvent? FromTags(PortalKey portal, EventSender from, IrcChatMessage m)
    {
        if (m.Kind != IrcChatMessageKind.TagMsg)
        {
            return null;
        }

        if (m.Tags["+draft/react"] is { Length: > 0 } emoji && ReplyTo(m.Tags) is { } target)
        {
            return new RemoteReaction(portal, from, m.Time, target, new EmojiId(emoji));
        }

        if (m.Tags["+draft/unreact"] is { Length: > 0 } removed && ReplyTo(m.Tags) is { } reacted)
        {
            return new RemoteReactionRemoved(portal, from, m.Time, reacted, new EmojiId(removed));
        }

        return m.Tags["+typing"] switch
        {
            "active" => new RemoteTyping(portal, from, m.Time, true, TimeSpan.FromSeconds(6)),
            "paused" or "done" => new RemoteTyping(portal, from, m.Time, false),
            _ => null,
        };
    }
}
