namespace Bridges.Core.Network.Ids;

/// <summary>One part of a remote message that became several Matrix events (e.g. text and an attachment).</summary>
/// <param name="Value">The network's own identifier text.</param>
public readonly record struct PartId(string Value)
{
    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
