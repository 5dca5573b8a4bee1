using Bridges.Core.Logins;
using Bridges.Core.Network;

namespace Bridges.Loopback;

/// <summary>The loopback network's connector: one per bridge start, bound to the test's <see cref="LoopbackNetwork"/>.</summary>
internal class LoopbackConnector(LoopbackNetwork network, string name) : INetworkConnector
{
    public const string PasswordFlow = "password";

    private LoopbackSession? _session;

    public NetworkDescriptor Descriptor { get; } = new() { Id = name, DisplayName = "Loopback" };

    public NetworkCapabilities Capabilities => network.Capabilities;

    public IReadOnlyList<LoginFlow> LoginFlows { get; } = [new LoginFlow(PasswordFlow, "Password", "Log in with your loopback username and password.")];

    protected LoopbackNetwork Network => network;

    public Task StartAsync(INetworkHost host, CancellationToken ct)
    {
        _session = network.StartSession(host);
        return Task.CompletedTask;
    }

    public Task<INetworkClient> LoadLoginAsync(UserLogin login, CancellationToken ct) =>
        Task.FromResult<INetworkClient>(new LoopbackClient(network, _session ?? throw new InvalidOperationException("Not started."), login,
            isRelay: login.Id.Value == LoopbackNetwork.RelayAccount));

    public Task<ILoginProcess> BeginLoginAsync(BridgeUser user, string flowId, CancellationToken ct) => flowId == PasswordFlow
        ? Task.FromResult<ILoginProcess>(new LoopbackLoginProcess(network, user))
        : throw new NotSupportedException($"The loopback network has no login flow '{flowId}'.");
}
