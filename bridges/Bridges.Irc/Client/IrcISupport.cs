using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Bridges.Irc.Client;

/// <summary>
/// Immutable view of the server's <c>RPL_ISUPPORT</c> (005) tokens (modern-appendix.md "RPL_ISUPPORT Parameters"),
/// with the spec's defaults for tokens not advertised. Identical token sets are shared between connections
/// (see <see cref="Intern"/>): a bridge opens hundreds of connections to one network and they all receive the
/// same 005 lines.
/// </summary>
internal sealed class IrcISupport
{
    /// <summary>Before any 005: the spec's defaults.</summary>
    public static readonly IrcISupport Default = new(FrozenDictionary<string, string?>.Empty);

    private static readonly ConcurrentDictionary<string, WeakReference<IrcISupport>> Shared = new(StringComparer.Ordinal);

    private IrcISupport(FrozenDictionary<string, string?> tokens)
    {
        Tokens = tokens;
        CaseMapping = IrcCaseMapping.FromName(Get("CASEMAPPING"));
        ChanTypes = tokens.TryGetValue("CHANTYPES", out var ct) ? ct ?? string.Empty : "#&";
        (PrefixModes, PrefixSymbols) = ParsePrefix(tokens.TryGetValue("PREFIX", out var p) ? p ?? string.Empty : "(ov)@+");
        var chanModes = (Get("CHANMODES") ?? "b,k,l,imnpst").Split(',');
        ChanModesA = chanModes.ElementAtOrDefault(0) ?? string.Empty;
        ChanModesB = chanModes.ElementAtOrDefault(1) ?? string.Empty;
        ChanModesC = chanModes.ElementAtOrDefault(2) ?? string.Empty;
        ChanModesD = chanModes.ElementAtOrDefault(3) ?? string.Empty;
        NickLen = GetInt("NICKLEN");
        LineLen = GetInt("LINELEN") is { } ll and >= 512 ? ll : 512;
        Monitor = tokens.TryGetValue("MONITOR", out var mon) ? (int.TryParse(mon, CultureInfo.InvariantCulture, out var m) ? m : int.MaxValue) : null;
        TargMax = ParseTargMax(Get("TARGMAX"));
    }

    /// <summary>All tokens, values unescaped (<c>\x20</c> etc.); a token without value maps to null.</summary>
    public FrozenDictionary<string, string?> Tokens { get; }

    public IrcCaseMapping CaseMapping { get; }

    /// <summary>Channel prefix characters (CHANTYPES; "#&amp;" when not advertised).</summary>
    public string ChanTypes { get; }

    /// <summary>Membership mode letters, highest rank first (PREFIX, default "ov").</summary>
    public string PrefixModes { get; }

    /// <summary>Membership prefix symbols matching <see cref="PrefixModes"/> (default "@+").</summary>
    public string PrefixSymbols { get; }

    /// <summary>CHANMODES type A (list modes: always a parameter).</summary>
    public string ChanModesA { get; }

    /// <summary>CHANMODES type B (always a parameter).</summary>
    public string ChanModesB { get; }

    /// <summary>CHANMODES type C (parameter when set only).</summary>
    public string ChanModesC { get; }

    /// <summary>CHANMODES type D (never a parameter).</summary>
    public string ChanModesD { get; }

    /// <summary>NICKLEN, or null when not advertised.</summary>
    public int? NickLen { get; }

    /// <summary>LINELEN (bytes including CR LF, tags excluded), 512 when not advertised.</summary>
    public int LineLen { get; }

    /// <summary>MONITOR limit: null when unsupported, <see cref="int.MaxValue"/> when unlimited.</summary>
    public int? Monitor { get; }

    /// <summary>TARGMAX per command (upper-case); a missing or empty limit means unlimited.</summary>
    public FrozenDictionary<string, int?> TargMax { get; }

    public string? Network => Get("NETWORK");

    public string? StatusMsg => Get("STATUSMSG");

    public string? Get(string token) => Tokens.TryGetValue(token, out var v) ? v : null;

    public bool Has(string token) => Tokens.ContainsKey(token);

    public int? GetInt(string token) =>
        Tokens.TryGetValue(token, out var v) && int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    public bool IsChannel(string target) => target.Length > 0 && ChanTypes.Contains(target[0], StringComparison.Ordinal);

    /// <summary>Applies the tokens of one 005 line (<c>-TOKEN</c> removes); returns a new shared instance.</summary>
    public IrcISupport Apply(IrcMessage rplISupport)
    {
        ArgumentNullException.ThrowIfNull(rplISupport);
        var ps = rplISupport.Params;

        // Params: <client> <token>... :are supported by this server
        if (ps.Count < 3)
        {
            return this;
        }

        var dict = new Dictionary<string, string?>(Tokens, StringComparer.Ordinal);
        for (var i = 1; i < ps.Count - 1; i++)
        {
            var token = ps[i];
            if (token.Length == 0)
            {
                continue;
            }

            if (token[0] == '-')
            {
                dict.Remove(token[1..]);
                continue;
            }

            var eq = token.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? token : token[..eq];
            var value = eq < 0 ? null : UnescapeValue(token.AsSpan(eq + 1));
            dict[name] = value;
        }

        return Intern(dict);
    }

    /// <summary>Returns a shared instance for the token set, creating it when needed.</summary>
    public static IrcISupport Intern(IReadOnlyDictionary<string, string?> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var key = new StringBuilder();
        foreach (var (k, v) in tokens.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            key.Append(k).Append('=').Append(v).Append('\n');
        }

        var keyString = key.ToString();
        if (Shared.TryGetValue(keyString, out var weak) && weak.TryGetTarget(out var existing))
        {
            return existing;
        }

        var created = new IrcISupport(tokens.ToFrozenDictionary(StringComparer.Ordinal));
        if (Shared.Count >= 256)
        {
            // Keep the cache bounded: drop entries whose instance nobody uses any more.
            foreach (var (k, w) in Shared)
            {
                if (!w.TryGetTarget(out _))
                {
                    Shared.TryRemove(k, out _);
                }
            }
        }

        Shared[keyString] = new WeakReference<IrcISupport>(created);
        return created;
    }

    /// <summary>Unescapes <c>\xHH</c> sequences in an ISUPPORT value.</summary>
    public static string UnescapeValue(ReadOnlySpan<char> value)
    {
        if (value.IndexOf("\\x", StringComparison.Ordinal) < 0)
        {
            return value.ToString();
        }

        var bytes = new List<byte>(value.Length);
        var runStart = 0;
        for (var i = 0; i + 3 < value.Length; i++)
        {
            if (value[i] == '\\' && value[i + 1] == 'x' &&
                byte.TryParse(value.Slice(i + 2, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(value[runStart..i].ToString()));
                bytes.Add(b);
                i += 3;
                runStart = i + 1;
            }
        }

        bytes.AddRange(Encoding.UTF8.GetBytes(value[runStart..].ToString()));
        return IrcMessageParser.Decode([.. bytes]);
    }

    private static (string Modes, string Symbols) ParsePrefix(string value)
    {
        // "(ov)@+"; an empty value means no membership prefixes.
        if (value.Length < 2 || value[0] != '(')
        {
            return (string.Empty, string.Empty);
        }

        var close = value.IndexOf(')', StringComparison.Ordinal);
        if (close < 0)
        {
            return (string.Empty, string.Empty);
        }

        var modes = value[1..close];
        var symbols = value[(close + 1)..];
        var n = Math.Min(modes.Length, symbols.Length);
        return (modes[..n], symbols[..n]);
    }

    private static FrozenDictionary<string, int?> ParseTargMax(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return FrozenDictionary<string, int?>.Empty;
        }

        var dict = new Dictionary<string, int?>(StringComparer.Ordinal);
        foreach (var item in value.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = item.IndexOf(':', StringComparison.Ordinal);
            var cmd = (colon < 0 ? item : item[..colon]).ToUpperInvariant();
            int? limit = colon >= 0 && int.TryParse(item.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
            dict[cmd] = limit;
        }

        return dict.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
