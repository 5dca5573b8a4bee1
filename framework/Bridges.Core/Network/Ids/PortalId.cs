namespace Bridges.Core.Network.Ids;

/// <summary>A remote chat's id on its network (an IRC channel with its network, a Telegram chat id, …).</summary>
/// <param name="Value">The network's own identifier text.</param>
public readonly record struct PortalId(string Value)
{
    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
