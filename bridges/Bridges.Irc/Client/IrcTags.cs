using System.Collections;
using System.Text;

namespace Bridges.Irc.Client;

/// <summary>
/// Immutable set of IRCv3 message tags (message-tags.md). Keys are case-sensitive opaque strings;
/// an empty value is normalised to "no value" (<c>null</c>), as the spec allows. Backed by a small array
/// because real messages carry a handful of tags and a dictionary would cost more than it saves.
/// </summary>
internal sealed class IrcTags : IReadOnlyCollection<KeyValuePair<string, string?>>
{
    /// <summary>Client tag data limit in bytes (between '@' and the space), per message-tags.md.</summary>
    public const int MaxClientTagDataBytes = 4094;

    /// <summary>Whole tag section limit a client must accept (server + client tags, '@' and space included).</summary>
    public const int MaxTagSectionBytes = 8191;

    public static readonly IrcTags Empty = new([]);

    private readonly KeyValuePair<string, string?>[] _items;

    private IrcTags(KeyValuePair<string, string?>[] items) => _items = items;

    public int Count => _items.Length;

    public string? this[string key] => TryGetValue(key, out var v) ? v : null;

    /// <summary>Builds a tag set; later duplicates replace earlier ones (the spec says the final occurrence wins).</summary>
    public static IrcTags Create(IEnumerable<KeyValuePair<string, string?>> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var list = new List<KeyValuePair<string, string?>>();
        foreach (var (key, value) in tags)
        {
            AddOrReplace(list, key, value);
        }

        return list.Count == 0 ? Empty : new IrcTags([.. list]);
    }

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, out string? value)
    {
        var i = IndexOf(key);
        value = i >= 0 ? _items[i].Value : null;
        return i >= 0;
    }

    /// <summary>Returns a copy with <paramref name="key"/> set (replacing any existing value).</summary>
    public IrcTags With(string key, string? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var i = IndexOf(key);
        var copy = new KeyValuePair<string, string?>[i >= 0 ? _items.Length : _items.Length + 1];
        _items.CopyTo(copy, 0);
        copy[i >= 0 ? i : _items.Length] = new(key, string.IsNullOrEmpty(value) ? null : value);
        return new IrcTags(copy);
    }

    /// <summary>Returns a copy without <paramref name="key"/>.</summary>
    public IrcTags Without(string key)
    {
        var i = IndexOf(key);
        if (i < 0)
        {
            return this;
        }

        if (_items.Length == 1)
        {
            return Empty;
        }

        var copy = new KeyValuePair<string, string?>[_items.Length - 1];
        Array.Copy(_items, 0, copy, 0, i);
        Array.Copy(_items, i + 1, copy, i, _items.Length - i - 1);
        return new IrcTags(copy);
    }

    public IEnumerator<KeyValuePair<string, string?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string?>>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Unescapes a tag value per message-tags.md (<c>\:</c> <c>\s</c> <c>\\</c> <c>\r</c> <c>\n</c>;
    /// an unknown escape drops the backslash, a lone trailing backslash is dropped).</summary>
    public static string Unescape(ReadOnlySpan<char> escaped)
    {
        if (escaped.IndexOf('\\') < 0)
        {
            return escaped.ToString();
        }

        var sb = new StringBuilder(escaped.Length);
        for (var i = 0; i < escaped.Length; i++)
        {
            var c = escaped[i];
            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }

            if (++i >= escaped.Length)
            {
                break;
            }

            sb.Append(escaped[i] switch
            {
                ':' => ';',
                's' => ' ',
                'r' => '\r',
                'n' => '\n',
                var other => other,
            });
        }

        return sb.ToString();
    }

    /// <summary>Escapes a tag value (<c>;</c>, space, CR, LF and <c>\</c> become escape sequences).
    /// NUL is not representable on the wire and is dropped.</summary>
    public static void Escape(ReadOnlySpan<char> value, StringBuilder sb)
    {
        ArgumentNullException.ThrowIfNull(sb);
        foreach (var c in value)
        {
            switch (c)
            {
                case ';': sb.Append("\\:"); break;
                case ' ': sb.Append("\\s"); break;
                case '\\': sb.Append("\\\\"); break;
                case '\r': sb.Append("\\r"); break;
                case '\n': sb.Append("\\n"); break;
                case '\0': break;
                default: sb.Append(c); break;
            }
        }
    }

    internal static void AddOrReplace(List<KeyValuePair<string, string?>> list, string key, string? value)
    {
        var normalised = string.IsNullOrEmpty(value) ? null : value;
        for (var i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i].Key, key, StringComparison.Ordinal))
            {
                list[i] = new(key, normalised);
                return;
            }
        }

        list.Add(new(key, normalised));
    }

    internal static IrcTags FromList(List<KeyValuePair<string, string?>> list) => list.Count == 0 ? Empty : new IrcTags([.. list]);

    private int IndexOf(string key)
    {
        for (var i = 0; i < _items.Length; i++)
        {
            if (string.Equals(_items[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
