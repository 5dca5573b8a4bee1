using Bridges.Core.Logins;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;
using Bridges.Core.Plugins;
using Bridges.Matrix.Ids;

namespace Bridges.Bench;

/// <summary>A network that accepts every message instantly: what remains is the framework's own cost.</summary>
internal sealed class NoopNetwork : INetworkConnector, IRelayProvider
{
    public static NetworkPlugin Plugin { get; } = new("noop", (_, _) => new NoopNetwork());

    public NetworkDescriptor Descriptor { get; } = new() { Id = "noop", DisplayName = "No-op" };

    public NetworkCapabilities Capabilities { get; } = new();

    public IReadOnlyList<LoginFlow> LoginFlows { get; } = [];

    public UserLogin RelayLogin { get; } = new(new UserLoginId("relay"), UserId.Parse("@noopbot:localhost"), "relay");

    public IReadOnlyList<UserLogin> RelayLogins => [RelayLogin];

    public UserLoginId? RelayLoginFor(PortalKey portal) => RelayLogin.Id;

    public Task StartAsync(INetworkHost host, CancellationToken ct) => Task.CompletedTask;

    public Task<INetworkClient> LoadLoginAsync(UserLogin login, CancellationToken ct) => Task.FromResult<INetworkClient>(new Client());

    public Task<ILoginProcess> BeginLoginAsync(BridgeUser user, string flowId, CancellationToken ct) => throw new NotSupportedException();

    private sealed class Client : INetworkClient
    {
        private long _next;

        public Task ConnectAsync(CancellationToken ct) => Task.CompletedTask;

        public Task DisconnectAsync(CancellationToken ct) => Task.CompletedTask;

        public bool IsThisUser(RemoteUserId user) => false;

        public Task<ChatInfo> GetChatInfoAsync(PortalKey portal, CancellationToken ct) => Task.FromResult(new ChatInfo { Name = portal.Id.Value });

        public Task<UserInfo> GetUserInfoAsync(RemoteUserId user, CancellationToken ct) => Task.FromResult(new UserInfo { DisplayName = user.Value });

        public Task<SendResult> SendMessageAsync(OutgoingMessage message, CancellationToken ct) =>
            Task.FromResult(new SendResult(new RemoteMessageId("m" + Interlocked.Increment(ref _next))));

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
