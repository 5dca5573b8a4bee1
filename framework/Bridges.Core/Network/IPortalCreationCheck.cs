using Bridges.Core.Network.Ids;

namespace Bridges.Core.Network;

/// <summary>
/// Optional, on the connector: whether a chat exists and may get a portal when a Matrix user asks for one that is not
/// bridged yet, by joining its room alias (any homeserver may query an alias, so without this every well-formed alias
/// creates a portal). Without it the core creates the portal for any alias in the bridge's namespace.
/// </summary>
public interface IPortalCreationCheck
{
    /// <summary>True when <paramref name="portal"/> may be created; false answers the alias query with 404 and creates nothing.</summary>
    Task<bool> MayCreatePortalAsync(PortalKey portal, CancellationToken ct);
}
