using Bridges.Core.Network.Ids;

namespace Bridges.Core.Network;

/// <summary>Optional: the network has read receipts.</summary>
public interface IReadReceiptSender
{
    /// <summary>Marks a chat read up to a message.</summary>
    Task SendReadReceiptAsync(PortalKey portal, RemoteMessageId upTo, CancellationToken ct);
}
