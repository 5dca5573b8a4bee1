namespace Bridges.Core.Network;

/// <summary>Optional: the network can edit sent messages.</summary>
public interface IEditSender
{
    /// <summary>Edits a message.</summary>
    Task SendEditAsync(OutgoingEdit edit, CancellationToken ct);
}
