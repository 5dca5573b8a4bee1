namespace Bridges.Core.Network;

/// <summary>Optional: the network can delete messages.</summary>
public interface IRedactionSender
{
    /// <summary>Deletes a message.</summary>
    Task SendRedactionAsync(OutgoingRedaction redaction, CancellationToken ct);
}
