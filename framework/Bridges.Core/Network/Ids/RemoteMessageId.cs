namespace Bridges.Core.Network.Ids;

/// <summary>A remote message's id. Where the network has none, the plugin derives one deterministically.</summary>
/// <param name="Value">The network's own identifier text.</param>
public readonly record struct RemoteMessageId(string Value)
{
    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
