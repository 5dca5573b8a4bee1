using Bridges.Core.Network.Ids;

namespace Bridges.Core.Network;

/// <summary>Optional: the network shows typing.</summary>
public interface ITypingSender
{
    /// <summary>Starts or stops typing in a chat.</summary>
    Task SendTypingAsync(PortalKey portal, bool typing, CancellationToken ct);
}
