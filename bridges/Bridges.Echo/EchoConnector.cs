using Bridges.Core.Logins;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;
using Bridges.Matrix.Ids;

namespace Bridges.Echo;

internal sealed class EchoConnector(string id) : INetworkConnector, IRelayProvider
{
    private INetworkHost? _host;

    public NetworkDescriptor Descriptor { get; } = new() { Id = id, DisplayName = "Echo" };

    public NetworkCapabilities Capabilities { get; } = new() { MaxTextLength = 4096 };

    public IReadOnlyList<LoginFlow> LoginFlows { get; } = [];

    public UserLogin RelayLogin { get; } = new(new UserLoginId(id + "-relay"), UserId.Parse("@echobot:localhost"), "Echo relay");

    public IReadOnlyList<UserLogin> RelayLogins => [RelayLogin];

    public UserLoginId? RelayLoginFor(PortalKey portal) => RelayLogin.Id;

    public Task StartAsync(INetworkHost host, CancellationToken ct)
    {
        _host = host;
        return Task.CompletedTask;
    }

    public Task<INetworkClient> LoadLoginAsync(UserLogin login, CancellationToken ct) =>
        Task.FromResult<INetworkClient>(new EchoClient(_host ?? throw new InvalidOperationException("Not started."), login));

    public Task<ILoginProcess> BeginLoginAsync(BridgeUser user, string flowId, CancellationToken ct) =>
        throw new NotSupportedException("The echo network has no logins.");
}
