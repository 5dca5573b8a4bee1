namespace Bridges.Core.Network.Ids;

/// <summary>A login's remote account id (e.g. an IRC network plus nick, a Telegram bot id).</summary>
/// <param name="Value">The network's own identifier text.</param>
public readonly record struct UserLoginId(string Value)
{
    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
