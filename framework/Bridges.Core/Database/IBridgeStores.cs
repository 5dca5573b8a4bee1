using Bridges.Core.Network;

namespace Bridges.Core.Database;

/// <summary>All stores of one network, as the storage backend provides them.</summary>
public interface IBridgeStores
{
    IPortalStore Portals { get; }

    IGhostStore Ghosts { get; }

    IMessageStore Messages { get; }

    /// <summary>Remote→Matrix parts written before they are sent.</summary>
    IOutboxStore Outbox { get; }

    IUserLoginStore Logins { get; }

    /// <summary>The plugin's key-value namespace.</summary>
    IPluginKeyValueStore KeyValues { get; }
}
