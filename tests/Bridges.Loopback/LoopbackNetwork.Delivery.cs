using Bridges.Core.Network;
using Bridges.Core.Network.Ids;

namespace Bridges.Loopback;

/// <summary>The network's side of a bridge connection: sessions, who delivers what, acknowledgements, and what the bridge sends.</summary>
public sealed partial class LoopbackNetwork
{
    /// <summary>
    /// A bridge (re)started: it becomes the network's one consumer. An older session (a killed bridge whose
    /// connections are gone) is closed, and everything not acknowledged is pushed again through the new one.
    /// </summary>
    internal LoopbackSession StartSession(INetworkHost host)
    {
        LoopbackSession? old;
        LoopbackSession session;
        lock (_gate)
        {
            old = _session;
            session = new LoopbackSession(this, host);
            _session = session;
        }

        old?.Stop();
        return session;
    }

    internal IReadOnlyList<string> ChatIds()
    {
        lock (_gate)
        {
            return _chats.Keys.ToList();
        }
    }

    /// <summary>
    /// The next unacknowledged event of a chat with the connection that delivers it: the author's own login when the
    /// author is logged in (then it is "from me"), else a connected login (a chat member first), else the relay.
    /// </summary>
    internal (LoopbackEvent Event, LoopbackClient Client, EventSender Sender)? Next(LoopbackSession session, string chatId, int index, IReadOnlyList<LoopbackClient> clients)
    {
        lock (_gate)
        {
            var chat = ChatLocked(chatId);
            if (_session != session || index >= chat.Log.Count)
            {
                return null;
            }

            var evt = chat.Log[index];
            var own = clients.FirstOrDefault(c => c.Account == evt.Author);
            var deliverer = own
                ?? clients.Where(c => !c.IsRelay).OrderBy(c => chat.Members.Contains(c.Account) ? 0 : 1).FirstOrDefault()
                ?? clients.FirstOrDefault(c => c.IsRelay);
            if (deliverer is null)
            {
                return null;
            }

            evt.Deliveries++;
            if (evt.Deliveries > 1)
            {
                _redeliveries++;
            }

            return (evt, deliverer, new EventSender(new RemoteUserId(evt.Author), IsFromMe: own is not null, deliverer.LoginId));
        }
    }

    /// <summary>Where a new session starts pushing a chat: its first unacknowledged event.</summary>
    internal int AcknowledgedIn(string chatId)
    {
        lock (_gate)
        {
            return ChatLocked(chatId).Acknowledged;
        }
    }

    /// <summary>The bridge answered a push: the chat's cursor moves past the event (only for the current session).</summary>
    internal void Acknowledge(LoopbackSession session, LoopbackEvent evt, RemoteEventResult result)
    {
        lock (_gate)
        {
            var chat = evt.Chat;
            if (_session != session || chat.Acknowledged >= chat.Log.Count || chat.Log[chat.Acknowledged] != evt)
            {
                return;
            }

            chat.Acknowledged++;
            evt.Acknowledge(result);
            NotifyChangedLocked();
        }
    }

    /// <summary>A message from the bridge: recorded, given an id and echoed back to the sending login.</summary>
    internal (RemoteMessageId Id, DateTimeOffset Timestamp) AcceptMessage(LoopbackClient client, OutgoingMessage message)
    {
        LoopbackSession? session;
        RemoteMessageId id;
        DateTimeOffset at;
        var chatId = message.Portal.Id.Value;
        lock (_gate)
        {
            if (_messagesByEchoToken.TryGetValue(message.EchoToken, out var known))
            {
                _suppressedDuplicateSends++;
                return (known, _time.GetUtcNow());
            }

            var chat = ChatLocked(chatId);
            chat.AddMember(client.Account);
            id = NewMessageIdLocked(chat);
            at = _time.GetUtcNow();
            _messagesByEchoToken[message.EchoToken] = id;
            _sent.Add(new LoopbackSent(LoopbackSentKind.Message, chatId, client.Account)
            {
                MessageId = id, Text = message.Content.Text, Content = message.Content, EchoToken = message.EchoToken, Relay = message.Relay,
                MatrixSender = message.Sender.UserId, ReplyChain = message.ReplyChain,
            });
            var content = message.Content;
            var token = message.EchoToken;
            // The network keeps the message in its history either way; only its echo to the bridge can be switched off.
            var echo = new LoopbackEvent(chat, client.Account, id, at, (sender, time) => new RemoteMessage(chat.PortalKey, sender, time, id, content, token));
            if (EchoSends)
            {
                chat.Log.Add(echo);
            }

            chat.History.Add(echo);
            NotifyChangedLocked();
            session = _session;
        }

        session?.Kick(chatId);
        return (id, at);
    }

    /// <summary>Anything else the bridge did; only recorded.</summary>
    internal void Record(LoopbackSent sent)
    {
        lock (_gate)
        {
            ChatLocked(sent.Chat);
            _sent.Add(sent);
            NotifyChangedLocked();
        }
    }
}
