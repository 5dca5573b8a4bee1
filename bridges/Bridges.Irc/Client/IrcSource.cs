namespace Bridges.Irc.Client;

/// <summary>
/// A message source (<c>servername</c> or <c>nick[!user][@host]</c>, c2s_structure.md "Source").
/// </summary>
/// <param name="Nick">Nickname, or the server name when the source is a server.</param>
/// <param name="User">User (ident) part, when present.</param>
/// <param name="Host">Host part, when present.</param>
internal readonly record struct IrcSource(string Nick, string? User, string? Host)
{
    /// <summary>True when the source looks like a server name (a dot and no user/host parts).</summary>
    public bool IsServer => User is null && Host is null && Nick.Contains('.', StringComparison.Ordinal);

    /// <summary>Splits a raw source; never fails (anything without '!'/'@' is just a nick or server name).</summary>
    public static IrcSource Parse(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var at = source.IndexOf('@', StringComparison.Ordinal);
        var hostPart = at >= 0 ? source[(at + 1)..] : null;
        var left = at >= 0 ? source.AsSpan(0, at) : source.AsSpan();
        var bang = left.IndexOf('!');
        if (bang >= 0)
        {
            return new IrcSource(left[..bang].ToString(), left[(bang + 1)..].ToString(), hostPart);
        }

        return new IrcSource(at >= 0 ? left.ToString() : source, null, hostPart);
    }

    public override string ToString() =>
        Nick + (User is null ? string.Empty : "!" + User) + (Host is null ? string.Empty : "@" + Host);
}
