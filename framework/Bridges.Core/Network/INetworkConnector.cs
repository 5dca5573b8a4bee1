using Bridges.Core.Logins;

namespace Bridges.Core.Network;

/// <summary>
/// A network plugin's entry point: one per network, network-wide. Required; everything optional is a separate
/// one-method interface the core detects with <c>is</c>.
/// </summary>
public interface INetworkConnector
{
    /// <summary>Names and templates for this network.</summary>
    NetworkDescriptor Descriptor { get; }

    /// <summary>What the network supports (lengths, formatting, edits, threads, media).</summary>
    NetworkCapabilities Capabilities { get; }

    /// <summary>The ways a user can log in; empty for networks reached only through a relay.</summary>
    IReadOnlyList<LoginFlow> LoginFlows { get; }

    /// <summary>Called once at start with the host's services.</summary>
    Task StartAsync(INetworkHost host, CancellationToken ct);

    /// <summary>Builds the client for a stored login (the core connects it).</summary>
    Task<INetworkClient> LoadLoginAsync(UserLogin login, CancellationToken ct);

    /// <summary>Starts a login flow for <paramref name="user"/>.</summary>
    Task<ILoginProcess> BeginLoginAsync(BridgeUser user, string flowId, CancellationToken ct);
}
