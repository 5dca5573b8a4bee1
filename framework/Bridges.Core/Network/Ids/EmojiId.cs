namespace Bridges.Core.Network.Ids;

/// <summary>A reaction's key on the remote side (an emoji, or a custom emoji id).</summary>
/// <param name="Value">The network's own identifier text.</param>
public readonly record struct EmojiId(string Value)
{
    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
