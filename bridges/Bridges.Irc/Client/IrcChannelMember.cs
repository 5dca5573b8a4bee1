namespace Bridges.Irc.Client;

/// <summary>A channel member as last seen (immutable snapshot).</summary>
/// <param name="Nick">Current nick.</param>
/// <param name="Prefixes">Membership prefix symbols, highest rank first (e.g. "@+"); empty for none.</param>
/// <param name="User">User (ident) when known (userhost-in-names, JOIN, CHGHOST).</param>
/// <param name="Host">Host when known.</param>
/// <param name="Account">Account name when known (extended-join, account-notify, account-tag); null when
/// unknown or logged out.</param>
/// <param name="RealName">Real name when known (extended-join, SETNAME).</param>
/// <param name="IsAway">Away state from away-notify.</param>
internal sealed record IrcChannelMember(
    string Nick,
    string Prefixes,
    string? User = null,
    string? Host = null,
    string? Account = null,
    string? RealName = null,
    bool IsAway = false)
{
    /// <summary>Highest prefix symbol, or null for a plain member.</summary>
    public char? HighestPrefix => Prefixes.Length > 0 ? Prefixes[0] : null;

    public bool HasPrefix(char symbol) => Prefixes.Contains(symbol, StringComparison.Ordinal);
}
