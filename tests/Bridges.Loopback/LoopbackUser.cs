using Bridges.Core.Content;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;

namespace Bridges.Loopback;

/// <summary>
/// An account on the loopback network. Tests act as this user on the network side; each action is queued in its
/// chat and pushed to the bridge from a background task. When a Matrix user is logged in as this account, what it
/// does here counts as done "from another client" (<see cref="EventSender.IsFromMe"/>).
/// </summary>
public sealed partial class LoopbackUser
{
    private readonly LoopbackNetwork _network;

    internal LoopbackUser(LoopbackNetwork network, string username, string displayName, string password)
    {
        _network = network;
        Username = username;
        DisplayName = displayName;
        Password = password;
    }

    /// <summary>The username (also its remote user id and, once logged in, the login id).</summary>
    public string Username { get; }

    /// <summary>The remote user id.</summary>
    public RemoteUserId Id => new(Username);

    /// <summary>The display name.</summary>
    public string DisplayName { get; private set; }

    internal string Password { get; }

    /// <summary>Posts a message; its id is <see cref="LoopbackEvent.MessageId"/>.</summary>
    public LoopbackEvent Send(string chat, string text, RemoteMessageId? replyTo = null, MessageKind kind = MessageKind.Text)
    {
        var content = new BridgedContent { Text = text, Kind = kind, ReplyTo = replyTo };
        return _network.Post(chat, Username, true, (key, id, sender, at) => new RemoteMessage(key, sender, at, id!.Value, content));
    }

    /// <summary>
    /// Posts a message the bridge never receives live, only through backfill: one sent before the portal existed, or
    /// while the bridge was away on a network that keeps no cursor for it. <paramref name="at"/> is its time (now when
    /// null); post them in the order of their times.
    /// </summary>
    public LoopbackEvent SendUnseen(string chat, string text, DateTimeOffset? at = null)
    {
        var content = BridgedContent.FromText(text);
        return _network.PostUnseen(chat, Username, at, (key, id, sender, time) => new RemoteMessage(key, sender, time, id!.Value, content));
    }

    /// <summary>Edits a message.</summary>
    public LoopbackEvent Edit(string chat, RemoteMessageId target, string newText) =>
        _network.Post(chat, Username, false, (key, _, sender, at) => new RemoteEdit(key, sender, at, target, BridgedContent.FromText(newText)));

    /// <summary>Deletes a message.</summary>
    public LoopbackEvent Delete(string chat, RemoteMessageId target) =>
        _network.Post(chat, Username, false, (key, _, sender, at) => new RemoteRedaction(key, sender, at, target));

    /// <summary>Reacts to a message.</summary>
    public LoopbackEvent React(string chat, RemoteMessageId target, string emoji) =>
        _network.Post(chat, Username, false, (key, _, sender, at) => new RemoteReaction(key, sender, at, target, new EmojiId(emoji)));

    /// <summary>Takes a reaction back.</summary>
    public LoopbackEvent Unreact(string chat, RemoteMessageId target, string emoji) =>
        _network.Post(chat, Username, false, (key, _, sender, at) => new RemoteReactionRemoved(key, sender, at, target, new EmojiId(emoji)));

    /// <summary>Gives <paramref name="target"/> a rank in the chat (an operator, an admin), as this user.</summary>
    public LoopbackEvent Promote(string chat, LoopbackUser target, int powerLevel) =>
        _network.Post(chat, Username, false, (key, _, sender, at) => new RemotePowerLevelChanged(key, sender, at, target.Id, powerLevel));

    /// <summary>Starts or stops typing.</summary>
    public LoopbackEvent Typing(string chat, bool typing = true) =>
        _network.Post(chat, Username, false, (key, _, sender, at) => new RemoteTyping(key, sender, at, typing, TimeSpan.FromSeconds(30)));

    /// <summary>Marks the chat read up to a message.</summary>
    public LoopbackEvent Read(string chat, RemoteMessageId upTo) =>
        _network.Post(chat, Username, false, (key, _, sender, at) => new RemoteReceipt(key, sender, at, upTo));

    /// <summary>Changes the display name; the change reaches the bridge through each chat the user is in.</summary>
    public IReadOnlyList<LoopbackEvent> SetDisplayName(string displayName)
    {
        DisplayName = displayName;
        var info = new UserInfo { DisplayName = displayName };
        return _network.ChatsOf(Username)
            .Select(chat => _network.Post(chat, Username, false, (key, _, sender, at) => new RemoteUserInfoChanged(key, sender, at, info)))
            .ToList();
    }
}
