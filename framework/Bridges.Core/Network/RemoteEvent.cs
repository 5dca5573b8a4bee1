using Bridges.Core.Network.Ids;

namespace Bridges.Core.Network;

/// <summary>Something that happened on the network, in a chat, by someone.</summary>
/// <param name="Portal">The chat.</param>
/// <param name="Sender">Who did it.</param>
/// <param name="Timestamp">When the network says it happened.</param>
public abstract record RemoteEvent(PortalKey Portal, EventSender Sender, DateTimeOffset Timestamp)
{
    /// <summary>Whether this event may create the portal when it does not exist yet (messages: yes; typing: no).</summary>
    public virtual bool CreatesPortal => this is RemoteMessage or RemoteMembership or RemoteChatInfoChanged;
}
