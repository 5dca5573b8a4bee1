namespace Bridges.Irc.Client;

/// <summary>
/// Nick/channel comparer for an ISUPPORT <c>CASEMAPPING</c> (modern-appendix.md). Unknown mappings fall back to
/// <c>ascii</c>, which is never wrong for the characters all mappings share.
/// </summary>
internal sealed class IrcCaseMapping : IEqualityComparer<string?>
{
    public static readonly IrcCaseMapping Ascii = new("ascii", Kind.Ascii);

    /// <summary>The default when the server does not say (modern-appendix.md).</summary>
    public static readonly IrcCaseMapping Rfc1459 = new("rfc1459", Kind.Rfc1459);

    public static readonly IrcCaseMapping StrictRfc1459 = new("rfc1459-strict", Kind.Strict);

    /// <summary>PRECIS-based mapping; approximated by Unicode simple lower-casing.</summary>
    public static readonly IrcCaseMapping Rfc7613 = new("rfc7613", Kind.Unicode);

    private readonly Kind _kind;

    private IrcCaseMapping(string name, Kind kind)
    {
        Name = name;
        _kind = kind;
    }

    private enum Kind
    {
        Ascii,
        Rfc1459,
        Strict,
        Unicode,
    }

    public string Name { get; }

    /// <summary>Mapping for a CASEMAPPING value; null means not advertised (rfc1459).</summary>
    public static IrcCaseMapping FromName(string? name) => name?.ToLowerInvariant() switch
    {
        null => Rfc1459,
        "ascii" => Ascii,
        "rfc1459" => Rfc1459,
        "rfc1459-strict" or "strict-rfc1459" => StrictRfc1459,
        "rfc7613" or "precis" => Rfc7613,
        _ => Ascii,
    };

    public char Fold(char c)
    {
        if (c is >= 'A' and <= 'Z')
        {
            return (char)(c + 32);
        }

        return _kind switch
        {
            Kind.Rfc1459 => c switch { '[' => '{', ']' => '}', '\\' => '|', '~' => '^', _ => c },
            Kind.Strict => c switch { '[' => '{', ']' => '}', '\\' => '|', _ => c },
            Kind.Unicode when c > 0x7F => char.ToLowerInvariant(c),
            _ => c,
        };
    }

    /// <summary>Folded form of <paramref name="value"/> (returns the same instance when nothing changes).</summary>
    public string Normalize(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        for (var i = 0; i < value.Length; i++)
        {
            if (Fold(value[i]) != value[i])
            {
                return string.Create(value.Length, (value, this), static (span, st) =>
                {
                    for (var j = 0; j < span.Length; j++)
                    {
                        span[j] = st.Item2.Fold(st.value[j]);
                    }
                });
            }
        }

        return value;
    }

    public bool Equals(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }

        if (x is null || y is null || x.Length != y.Length)
        {
            return false;
        }

        for (var i = 0; i < x.Length; i++)
        {
            if (x[i] != y[i] && Fold(x[i]) != Fold(y[i]))
            {
                return false;
            }
        }

        return true;
    }

    public int GetHashCode(string? obj)
    {
        if (obj is null)
        {
            return 0;
        }

        var hash = default(HashCode);
        foreach (var c in obj)
        {
            hash.Add(Fold(c));
        }

        return hash.ToHashCode();
    }

    public override string ToString() => Name;
}
