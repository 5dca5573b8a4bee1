namespace Bridges.Core.Network.Ids;

/// <summary>
/// Identifies a portal: the remote chat, plus the receiving login for chats that exist per login (direct
/// messages), so two users' DMs with the same remote person become two portals without special cases.
/// </summary>
/// <param name="Id">The remote chat.</param>
/// <param name="Receiver">The login that sees this chat, or null for chats shared by everyone (channels, groups).</param>
public readonly record struct PortalKey(PortalId Id, UserLoginId? Receiver = null)
{
    /// <summary>A stable text form for storage and logs.</summary>
    public override string ToString() => Receiver is { } r ? $"{Id.Value}|{r.Value}" : Id.Value;
}
