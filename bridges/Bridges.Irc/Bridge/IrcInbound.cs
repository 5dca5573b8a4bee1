using Bridges.Core.Content;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;
using Bridges.Irc.Client;

namespace Bridges.Irc.Bridge;

/// <summary>IRC chat lines as remote events, shared by the relay bot (channels) and puppets (private messages).</summary>
internal static class IrcInbound
{
    /// <summary>A remote message with its id (msgid or derived), reply target (<c>+draft/reply</c>) and sender remembered.</summary>
    public static RemoteMessage Message(IrcNetworkContext network, PortalKey portal, EventSender from, IrcChatMessage m, BridgedContent content, string foldedTarget)
    {
        var id = IrcIds.Message(m.MsgId, network.Id, foldedTarget, m.Time, network.Fold(m.Source.Nick), m.Text);
        network.Remember(id, m.Source.Nick, m.Text);
        return new RemoteMessage(portal, from, m.Time, id, content with { ReplyTo = m.Tags["+draft/reply"] is { Length: > 0 } reply ? new RemoteMessageId(reply) : null });
    }

    /// <summary>A TAGMSG (or tagged line) as typing or a reaction; null when it is neither.</summary>
    public static RemoteEvent? FromTags(PortalKey portal, EventSender from, IrcChatMessage m)
    {
        if (m.Kind != IrcChatMessageKind.TagMsg)
        {
            return null;
        }

        if (m.Tags["+draft/react"] is { Length: > 0 } emoji && m.Tags["+draft/reply"] is { Length: > 0 } target)
        {
            return new RemoteReaction(portal, from, m.Time, new RemoteMessageId(target), new EmojiId(emoji));
        }

        return m.Tags["+typing"] switch
        {
            "active" => new RemoteTyping(portal, from, m.Time, true, TimeSpan.FromSeconds(6)),
            "paused" or "done" => new RemoteTyping(portal, from, m.Time, false),
            _ => null,
        };
    }
}
