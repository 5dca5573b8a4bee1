using Bridges.Core.Network;
using Bridges.Core.Network.Ids;
using Bridges.Core.Plugins;
using Microsoft.Extensions.Configuration;

namespace Bridges.Loopback;

/// <summary>
/// A fake remote network held in memory, to exercise the core end to end. It has accounts (<see cref="Alice"/> and
/// <see cref="Bob"/> from the start; more with <see cref="AddUser"/>) whom tests make act in chats, and it records
/// everything the bridge sent (<see cref="Sent"/>). Remote events are queued per chat and pushed to the bridge from a
/// background task, in order; an event counts as delivered only once the bridge acknowledged its push, and what was
/// not acknowledged is pushed again when the bridge comes back, as a network with a server-side cursor would.
/// Messages the bridge sends are echoed back to the sending login, and a send repeating an echo token the network
/// already has is answered with the message it made the first time (an idempotency key, like a Discord nonce).
/// </summary>
/// <remarks>One network per test: <see cref="Plugin"/> builds connectors bound to this instance, so the network (and
/// its cursor) outlives restarts of the bridge host.</remarks>
public sealed partial class LoopbackNetwork
{
    /// <summary>The plugin name (and config section under <c>bridges:</c>) unless another is given.</summary>
    public const string DefaultName = "loopback";

    /// <summary>The account the built-in relay uses.</summary>
    public const string RelayAccount = "relaybot";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, LoopbackUser> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LoopbackChat> _chats = new(StringComparer.Ordinal);
    private readonly List<LoopbackSent> _sent = [];
    private readonly Dictionary<string, RemoteMessageId> _messagesByEchoToken = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private LoopbackSession? _session;
    private long _nextMessage;
    private int _redeliveries;
    private int _suppressedDuplicateSends;
    private int _droppedPushes;

    /// <param name="name">The plugin name and config section.</param>
    /// <param name="time">The clock for event times; the system clock by default.</param>
    public LoopbackNetwork(string name = DefaultName, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        Name = name;
        Plugin = new NetworkPlugin(name, (section, _) =>
        {
            var options = section.Get<LoopbackOptions>() ?? new LoopbackOptions();
            return options.BuiltInRelay ? new LoopbackRelayConnector(this, name) : new LoopbackConnector(this, name);
        }, OptionsType: typeof(LoopbackOptions));
        Alice = AddUser("alice", "Alice", "alice-password");
        Bob = AddUser("bob", "Bob", "bob-password");
        AddUser(RelayAccount, "Relay bot", string.Empty);
    }

    /// <summary>The plugin name.</summary>
    public string Name { get; }

    /// <summary>The plugin for <c>BridgeTestHost</c> / <c>BridgesApplication</c>.</summary>
    public NetworkPlugin Plugin { get; }

    /// <summary>The remote user alice (password <c>alice-password</c>).</summary>
    public LoopbackUser Alice { get; }

    /// <summary>The remote user bob (password <c>bob-password</c>).</summary>
    public LoopbackUser Bob { get; }

    /// <summary>What the network's chats take (the core adapts to it); set before the bridge starts.</summary>
    public NetworkCapabilities Capabilities { get; set; } = new() { Formatting = true };

    /// <summary>Chats that differ from <see cref="Capabilities"/>, by chat id.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, NetworkCapabilities> ChatCapabilities { get; } = new();

    /// <summary>Everything the bridge sent so far, in order.</summary>
    public IReadOnlyList<LoopbackSent> Sent
    {
        get
        {
            lock (_gate)
            {
                return _sent.ToList();
            }
        }
    }

    /// <summary>Pushes that repeated an event already pushed once (after a dropped connection or a failed push).</summary>
    public int Redeliveries => Volatile.Read(ref _redeliveries);

    /// <summary>Pushes that were still waiting for the bridge's answer when the connection dropped (so they go again).</summary>
    public int DroppedPushes => Volatile.Read(ref _droppedPushes);

    /// <summary>Message sends that repeated a known echo token and were answered with the existing message.</summary>
    public int SuppressedDuplicateSends => Volatile.Read(ref _suppressedDuplicateSends);

    /// <summary>Adds an account one can act as and log in with.</summary>
    public LoopbackUser AddUser(string username, string displayName, string password)
    {
        lock (_gate)
        {
            var user = new LoopbackUser(this, username, displayName, password);
            _users.Add(username, user);
            return user;
        }
    }

    /// <summary>An account by username.</summary>
    public LoopbackUser User(string username)
    {
        lock (_gate)
        {
            return _users[username];
        }
    }

    /// <summary>Creates a chat with a name and topic (chats otherwise appear, named <c>Chat &lt;id&gt;</c>, when first used).</summary>
    public LoopbackChat CreateChat(string id, string name, string? topic = null)
    {
        lock (_gate)
        {
            var chat = new LoopbackChat(id, name, topic);
            _chats.Add(id, chat);
            return chat;
        }
    }

    /// <summary>A chat by id, created when new.</summary>
    public LoopbackChat Chat(string id)
    {
        lock (_gate)
        {
            return ChatLocked(id);
        }
    }

    /// <summary>The event that posted message <paramref name="id"/> in <paramref name="chat"/> (for a message the bridge sent: its echo).</summary>
    public LoopbackEvent? EventFor(string chat, RemoteMessageId id)
    {
        lock (_gate)
        {
            return ChatLocked(chat).Log.FirstOrDefault(e => e.MessageId == id);
        }
    }

    /// <summary>Adds a member to a chat.</summary>
    public void AddMember(string chat, LoopbackUser user)
    {
        lock (_gate)
        {
            ChatLocked(chat).AddMember(user.Username);
        }
    }

    /// <summary>Waits until the bridge sent something matching <paramref name="match"/> and returns it.</summary>
    public async Task<LoopbackSent> WaitForSentAsync(Func<LoopbackSent, bool> match, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        LoopbackSent? found = null;
        await WaitUntilAsync(() => (found = _sent.FirstOrDefault(match)) is not null, timeout, ct).ConfigureAwait(false);
        return found!;
    }

    /// <summary>
    /// Waits until <paramref name="condition"/> holds; it is checked (under the network's lock) whenever the bridge
    /// sent something or an event was acknowledged.
    /// </summary>
    /// <exception cref="TimeoutException">It did not hold in time (30 seconds by default).</exception>
    public async Task WaitUntilAsync(Func<bool> condition, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (condition())
                {
                    return;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException("The loopback network did not reach the expected state within the timeout.");
            }
        }
    }

    /// <summary>Queues a remote event in a chat and wakes the pump; <paramref name="newMessage"/> gives it a new message id.</summary>
    internal LoopbackEvent Post(string chatId, string author, bool newMessage, Func<PortalKey, RemoteMessageId?, EventSender, DateTimeOffset, RemoteEvent> build)
    {
        LoopbackEvent evt;
        LoopbackSession? session;
        lock (_gate)
        {
            var chat = ChatLocked(chatId);
            chat.AddMember(author);
            RemoteMessageId? id = newMessage ? NewMessageIdLocked(chat) : null;
            evt = new LoopbackEvent(chat, author, id, _time.GetUtcNow(), (sender, at) => build(chat.PortalKey, id, sender, at));
            chat.Log.Add(evt);
            if (newMessage)
            {
                chat.History.Add(evt);
            }

            session = _session;
        }

        session?.Kick(chatId);
        return evt;
    }

    internal IReadOnlyList<string> ChatsOf(string username)
    {
        lock (_gate)
        {
            return _chats.Values.Where(c => c.Members.Contains(username)).Select(c => c.Id).ToList();
        }
    }

    internal LoopbackUser? CheckPassword(string username, string password)
    {
        lock (_gate)
        {
            return _users.TryGetValue(username, out var user) && user.Password.Length > 0 && user.Password == password ? user : null;
        }
    }

    internal bool HasAccount(string username)
    {
        lock (_gate)
        {
            return _users.ContainsKey(username);
        }
    }

    internal bool HasChat(string id)
    {
        lock (_gate)
        {
            return _chats.ContainsKey(id);
        }
    }

    internal ChatInfo ChatInfoFor(string chatId, string viewer)
    {
        lock (_gate)
        {
            var chat = ChatLocked(chatId);
            return new ChatInfo
            {
                Name = chat.Name,
                Topic = chat.Topic,
                Parent = chat.Parent is { } parent ? new PortalKey(new PortalId(parent)) : null,
                IsSpace = chat.IsSpace,
                Order = chat.Order,
                Members = chat.Members.Select(m => new ChatMember(new RemoteUserId(m), IsFromMe: m == viewer)).ToList(),
            };
        }
    }

    internal UserInfo UserInfoFor(RemoteUserId user)
    {
        lock (_gate)
        {
            return new UserInfo { DisplayName = _users.TryGetValue(user.Value, out var u) ? u.DisplayName : user.Value };
        }
    }

    internal void CountDroppedPush() => Interlocked.Increment(ref _droppedPushes);

    private LoopbackChat ChatLocked(string id)
    {
        if (!_chats.TryGetValue(id, out var chat))
        {
            chat = new LoopbackChat(id, $"Chat {id}", null);
            _chats.Add(id, chat);
        }

        return chat;
    }

    private RemoteMessageId NewMessageIdLocked(LoopbackChat chat) => new($"{chat.Id}.{++_nextMessage}");

    private void NotifyChangedLocked() =>
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
