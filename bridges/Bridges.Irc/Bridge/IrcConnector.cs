using System.Collections.Concurrent;
using Bridges.Core.Content;
using Bridges.Core.Logins;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;
using Bridges.Core.Security;
using Microsoft.Extensions.Logging;
using UserId = Bridges.Matrix.Ids.UserId;

namespace Bridges.Irc.Bridge;

/// <summary>
/// The IRC plugin: one relay bot per configured network (relay logins), and one puppet login per Matrix user that
/// holds their connections to every network in puppet mode (created implicitly when they first act in a portal).
/// </summary>
internal sealed class IrcConnector : INetworkConnector, IImplicitLogins, IRelayProvider, IPortalCreationCheck
{
    public const string PuppetFlow = "puppet";
    public const string PasswordFlow = "storepass";
    private readonly Dictionary<string, IrcNetworkContext> _networks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<UserLoginId, IrcPuppetClient> _puppets = new();
    private INetworkHost? _host;

    public IrcConnector(IrcOptions options, ILoggerFactory loggers)
    {
        // The options were validated at start (IrcOptionsValidator).
        Options = options;
        Loggers = loggers;
        Logger = loggers.CreateLogger<IrcConnector>();
        Users = new IrcUserStore(() => Host.Store, string.IsNullOrEmpty(options.PasswordKey) ? null : new Secret(options.PasswordKey));
        foreach (var (id, network) in options.Networks.OrderBy(n => n.Key, StringComparer.Ordinal))
        {
            _networks[id] = new IrcNetworkContext(id, network, this);
        }
    }

    public NetworkDescriptor Descriptor { get; } = new() { Id = "irc", DisplayName = "IRC" };

    /// <summary>No length limit (the client splits lines); formatting survives; files go as links.</summary>
    public NetworkCapabilities Capabilities { get; } = new() { MaxTextLength = 0, Formatting = true, Media = false, MultilineMessages = false };

    public IReadOnlyList<LoginFlow> LoginFlows { get; } =
    [
        new(PuppetFlow, "Puppet", "Use IRC as yourself: the bridge connects with your own nick."),
        new(PasswordFlow, "Store password", "Store a NickServ/SASL password for your nick on a network."),
    ];

    public IrcOptions Options { get; }


    public ILoggerFactory Loggers { get; }

    public ILogger Logger { get; }

    public IrcUserStore Users { get; }

    public INetworkHost Host => _host ?? throw new InvalidOperationException("The IRC connector was not started.");

    public IReadOnlyDictionary<string, IrcNetworkContext> Networks => _networks;

    public IReadOnlyList<UserLogin> RelayLogins => [.. _networks.Values.Select(n => n.Relay.Login)];

    public async Task StartAsync(INetworkHost host, CancellationToken ct)
    {
        _host = host;
        foreach (var network in _networks.Values)
        {
            await network.LoadAsync(ct).ConfigureAwait(false);
        }

        foreach (var command in new IrcBridgeCommands(this).All())
        {
            host.Commands.Add(command);
        }
    }

    public Task<INetworkClient> LoadLoginAsync(UserLogin login, CancellationToken ct)
    {
        if (IrcIds.IsRelayLogin(login.Id))
        {
            // The same relay may be loaded as the built-in relay and as its network's relay: one client serves both.
            return _networks.Values.FirstOrDefault(n => n.Relay.Login.Id == login.Id) is { } network
                ? Task.FromResult<INetworkClient>(network.Relay)
                : throw new InvalidOperationException($"{login.Id} belongs to an IRC network that is no longer configured.");
        }

        var client = new IrcPuppetClient(this, login);
        _puppets[login.Id] = client;
        return Task.FromResult<INetworkClient>(client);
    }

    public Task<ILoginProcess> BeginLoginAsync(BridgeUser user, string flowId, CancellationToken ct) =>
        Task.FromResult<ILoginProcess>(new IrcLoginProcess(this, user, flowId));

    public Task<UserLogin?> CreateImplicitLoginAsync(BridgeUser user, PortalKey portal, CancellationToken ct) =>
        Task.FromResult(TryRoute(portal, out var network, out _) && network.Options.Mode == IrcBridgeMode.Puppets ? PuppetLogin(user.UserId) : null);

    /// <summary>
    /// An alias may open a channel that is configured or already bridged, or one that <c>dynamic_channels</c> allows;
    /// private chats are opened by their users' logins, never through an alias.
    /// </summary>
    public async Task<bool> MayCreatePortalAsync(PortalKey portal, CancellationToken ct)
    {
        if (!TryRoute(portal, out var network, out var channel) || portal.Receiver is not null || !network.IsChannel(channel) || network.Fold(channel) != channel)
        {
            return false;
        }

        return network.Options.Channels.Any(c => network.Fold(c) == channel)
            || await network.Relay.IsRememberedAsync(channel, ct).ConfigureAwait(false)
            || network.MayOpenDynamically(channel);
    }

    public UserLoginId? RelayLoginFor(PortalKey portal) => TryRoute(portal, out var network, out _) ? network.Relay.Login.Id : null;

    /// <summary>The login that holds <paramref name="user"/>'s puppets.</summary>
    public static UserLogin PuppetLogin(UserId user) => new(IrcIds.PuppetLogin(user), user, user.Localpart);

    /// <summary>The connected puppet client of a login, if any.</summary>
    public IrcPuppetClient? PuppetClient(UserLoginId login) => _puppets.TryGetValue(login, out var client) && !client.IsDisposed ? client : null;

    public void Forget(IrcPuppetClient client) => _puppets.TryRemove(new KeyValuePair<UserLoginId, IrcPuppetClient>(client.Login.Id, client));

    /// <summary>The network of a portal and the channel or nick it stands for.</summary>
    public bool TryRoute(PortalKey portal, out IrcNetworkContext network, out string name)
    {
        network = null!;
        return IrcIds.TrySplit(portal.Id.Value, out var id, out name) && _networks.TryGetValue(id, out network!);
    }

    /// <summary>
    /// Parses what a user typed to name a chat: <c>[network] &lt;#channel|nick&gt;</c> (the network may be left out
    /// when there is only one). Null network when it is unknown or ambiguous.
    /// </summary>
    public (IrcNetworkContext? Network, string Name) ParseTarget(IReadOnlyList<string> words)
    {
        if (words.Count >= 2 && _networks.TryGetValue(words[0], out var named))
        {
            return (named, words[1]);
        }

        return (words.Count >= 1 && _networks.Count == 1 ? _networks.Values.First() : null, words.Count >= 1 ? words[^1] : string.Empty);
    }

    /// <summary>A link IRC users can open for a file sent from Matrix.</summary>
    public string MediaLink(MediaSource media) => MediaLink(media.MatrixUri ?? string.Empty, media.FileName);

    /// <summary>A link IRC users can open for an <c>mxc://</c> URI (signed, served by the bridge), or the URI itself.</summary>
    public string MediaLink(string uri, string? fileName) => Host.Media.LinkFor(uri, fileName);
}
