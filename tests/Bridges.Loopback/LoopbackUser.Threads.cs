using Bridges.Core.Content;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;

namespace Bridges.Loopback;

public sealed partial class LoopbackUser
{
    /// <summary>Posts a message with content of the test's choosing (subject, headers, thread); its id is <see cref="LoopbackEvent.MessageId"/>.</summary>
    public LoopbackEvent SendContent(string chat, BridgedContent content) =>
        _network.Post(chat, Username, true, (key, id, sender, at) => new RemoteMessage(key, sender, at, id!.Value, content));

    /// <summary>Starts a thread named <paramref name="name"/>, off <paramref name="root"/> or (without one) as a forum post.</summary>
    public LoopbackEvent StartThread(string chat, RemoteMessageId thread, string? name, RemoteMessageId? root = null) =>
        _network.Post(chat, Username, false, (key, _, sender, at) => new RemoteThreadCreated(key, sender, at, thread, name, root));

    /// <summary>Moves a chat under another parent (or to the top with null), as the network tells the bridge.</summary>
    public LoopbackEvent MoveChat(string chat, string? parent)
    {
        _network.Chat(chat).Parent = parent;
        return _network.Post(chat, Username, false, (key, _, sender, at) => new RemoteChatInfoChanged(key, sender, at, _network.ChatInfoFor(chat, Username)));
    }

    /// <summary>Posts a message under a per-message profile (as a webhook would), from this user's account.</summary>
    public LoopbackEvent SendAs(string chat, string text, MessageProfile profile) =>
        _network.Post(chat, Username, true, (key, id, sender, at) => new RemoteMessage(key, sender with { Profile = profile }, at, id!.Value, BridgedContent.FromText(text)));
}
