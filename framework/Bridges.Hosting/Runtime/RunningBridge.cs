using Bridges.Core.Bridge;
using Bridges.Core.Inbox;
using Bridges.Core.Provisioning;
using Bridges.Matrix.AppService;
using Bridges.Matrix.Registration;

namespace Bridges.Hosting.Runtime;

/// <summary>One bridge running in the host.</summary>
public sealed class RunningBridge
{
    internal RunningBridge(string network, AppServiceRegistration registration, NetworkBridge bridge, AppServiceEventDispatcher dispatcher, AppServiceApi api, string pathPrefix, ProvisioningApi provisioning)
    {
        Network = network;
        Registration = registration;
        Bridge = bridge;
        Dispatcher = dispatcher;
        Api = api;
        PathPrefix = pathPrefix;
        Provisioning = provisioning;
    }

    /// <summary>The network id.</summary>
    public string Network { get; }

    /// <summary>Its registration.</summary>
    public AppServiceRegistration Registration { get; }

    /// <summary>The core runtime.</summary>
    public NetworkBridge Bridge { get; }

    /// <summary>The inbox dispatcher.</summary>
    public AppServiceEventDispatcher Dispatcher { get; }

    /// <summary>The appservice endpoint.</summary>
    public AppServiceApi Api { get; }

    /// <summary>The provisioning API.</summary>
    public ProvisioningApi Provisioning { get; }

    /// <summary>The URL path prefix of its appservice endpoint.</summary>
    public string PathPrefix { get; }
}
