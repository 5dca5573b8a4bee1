namespace Bridges.Core.Network.Ids;

/// <summary>A remote user's id on its network.</summary>
/// <param name="Value">The network's own identifier text.</param>
public readonly record struct RemoteUserId(string Value)
{
    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
