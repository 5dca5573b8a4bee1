using System.Collections.Concurrent;
using Bridges.Core.Bridge;
using Bridges.Core.Database;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Logins;

/// <summary>
/// The connected clients of a network, by login, and the questions asked of them: who relays in a portal, who can
/// answer about a chat, whose puppet a remote user is, which chat a user means.
/// </summary>
internal sealed class LoginRegistry(BridgeContext env)
{
    private readonly ConcurrentDictionary<UserLoginId, (UserLogin Login, INetworkClient Client)> _clients = new();

    /// <summary>Every connected login with its client.</summary>
    public IEnumerable<(UserLogin Login, INetworkClient Client)> Connected => _clients.Values;

    /// <summary>The connected logins of <paramref name="user"/> that belong in <paramref name="portal"/> (any, unless it has a receiver).</summary>
    public IEnumerable<(UserLogin Login, INetworkClient Client)> ConnectedFor(UserId user, PortalKey portal) =>
        Connected.Where(c => c.Login.UserId == user && (portal.Receiver is null || portal.Receiver == c.Login.Id));

    public int Count => _clients.Count;

    /// <summary>The plugin's bridge-wide relay logins (set once, at start).</summary>
    public IReadOnlyList<UserLoginId> RelayLogins { get; set; } = [];

    public void Add(UserLogin login, INetworkClient client) => _clients[login.Id] = (login, client);

    public bool TryRemove(UserLoginId id, out (UserLogin Login, INetworkClient Client) entry) => _clients.TryRemove(id, out entry);

    /// <summary>Forgets every client and hands them back, for the caller to disconnect.</summary>
    public List<(UserLogin Login, INetworkClient Client)> Clear()
    {
        var all = _clients.Values.ToList();
        _clients.Clear();
        return all;
    }

    public INetworkClient? ClientFor(UserLoginId id) => _clients.TryGetValue(id, out var entry) ? entry.Client : null;

    public UserLogin? LoginFor(UserLoginId id) => _clients.TryGetValue(id, out var entry) ? entry.Login : null;

    /// <summary>The login that relays in a portal: its own relay, else the one the plugin names.</summary>
    public UserLoginId? RelayFor(PortalRecord portal) =>
        portal.RelayLogin ?? (env.Connector as IRelayProvider)?.RelayLoginFor(portal.Key);

    /// <summary>Any client able to answer questions about a portal: its receiver, its relay, or any connected login.</summary>
    public INetworkClient? AnyClientFor(PortalRecord portal) =>
        (portal.Key.Receiver is { } r ? ClientFor(r) : null)
        ?? (RelayFor(portal) is { } relay ? ClientFor(relay) : null)
        ?? _clients.Values.Select(c => c.Client).FirstOrDefault();

    /// <summary>
    /// The Matrix user a mention of <paramref name="user"/> must name: the owner of a login whose own remote account it
    /// is (a Matrix user's puppet, so that user is notified), else the remote user's ghost. Relay logins (the bot) never
    /// count, since they speak for many users.
    /// </summary>
    public UserId MentionedUserId(RemoteUserId user)
    {
        foreach (var (login, client) in _clients.Values)
        {
            if (login.UserId != env.Intents.BotUserId && client.IsThisUser(user))
            {
                return login.UserId;
            }
        }

        return env.GhostUserId(user);
    }

    /// <summary>Finds a chat by what a user typed, through one of the user's logins (or the relay when they have none).</summary>
    public async Task<PortalKey?> ResolveIdentifierAsync(UserId user, string identifier, CancellationToken ct)
    {
        var clients = Connected.Where(c => c.Login.UserId == user).Select(c => c.Client)
            .Concat(RelayLogins.Select(ClientFor).OfType<INetworkClient>());
        foreach (var client in clients)
        {
            if (client is IIdentifierResolver resolver && await resolver.ResolveIdentifierAsync(identifier, ct).ConfigureAwait(false) is { } key)
            {
                return key;
            }
        }

        return null;
    }
}
