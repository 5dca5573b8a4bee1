namespace Bridges.Core.Network.Ids;

/// <summary>A remote reaction's id, for networks that give reactions their own ids.</summary>
/// <param name="Value">The network's own identifier text.</param>
public readonly record struct RemoteReactionId(string Value)
{
    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
