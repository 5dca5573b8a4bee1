using Bridges.Core.Database;
using Bridges.Core.Network;
using Bridges.Storage.Database;

namespace Bridges.Storage.Bridge;

/// <summary>The SQL stores of one network; rows of several networks share the tables, keyed by network id.</summary>
public sealed class SqlBridgeStores : IBridgeStores
{
    public SqlBridgeStores(BridgesDatabase db, string network)
    {
        Portals = new SqlPortalStore(db, network);
        Ghosts = new SqlGhostStore(db, network);
        Messages = new SqlMessageStore(db, network);
        Outbox = new SqlOutboxStore(db, network);
        Logins = new SqlUserLoginStore(db, network);
        KeyValues = new SqlKeyValueStore(db, network);
    }

    public IPortalStore Portals { get; }

    public IGhostStore Ghosts { get; }

    public IMessageStore Messages { get; }

    public IOutboxStore Outbox { get; }

    public IUserLoginStore Logins { get; }

    public IPluginKeyValueStore KeyValues { get; }
}
