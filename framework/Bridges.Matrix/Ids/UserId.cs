using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json.Serialization;

namespace Bridges.Matrix.Ids;

/// <summary>A Matrix user id such as <c>@alice:example.org</c>.</summary>
[JsonConverter(typeof(MatrixIdJsonConverter<UserId>))]
public readonly record struct UserId : IMatrixId<UserId>
{
    private UserId(string value) => Value = value;

    /// <summary>The full identifier, sigil included.</summary>
    public string Value { get; }

    /// <summary>The part between <c>@</c> and the first <c>:</c>.</summary>
    public string Localpart => Value[1..Value.IndexOf(':', StringComparison.Ordinal)];

    /// <summary>The server name after the first <c>:</c>.</summary>
    public string Server => Value[(Value.IndexOf(':', StringComparison.Ordinal) + 1)..];

    /// <summary>Builds a user id from a localpart and server name.</summary>
    public static UserId Create(string localpart, string server) => Parse($"@{localpart}:{server}");

    /// <summary>Parses a user id, throwing <see cref="FormatException"/> when it is not one.</summary>
    public static UserId Parse(string value) =>
        TryParse(value, out var id) ? id : throw new FormatException($"'{value}' is not a valid user id.");

    /// <summary>Tries to parse a user id.</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, out UserId id)
    {
        if (MatrixIdSyntax.IsValid(value, '@', requiresServer: true))
        {
            id = new UserId(value);
            return true;
        }

        id = default;
        return false;
    }

    /// <summary>True when the localpart uses only the characters the spec allows for new users.</summary>
    public static bool IsValidLocalpart(string localpart) =>
        localpart.Length > 0 && localpart.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or '=' or '-' or '/' or '+');

    /// <summary>
    /// Maps arbitrary text (a remote user name) to a valid localpart, reversibly: the spec's suggested
    /// mapping (upper case to <c>_x</c>, <c>_</c> to <c>__</c>, anything else to <c>=xx</c> UTF-8 hex).
    /// </summary>
    public static string EscapeLocalpart(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-' or '/' or '+')
            {
                sb.Append(c);
            }
            else if (c == '_')
            {
                sb.Append("__");
            }
            else if (c is >= 'A' and <= 'Z')
            {
                sb.Append('_').Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append('=').Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    /// <summary>Reverses <see cref="EscapeLocalpart"/>; returns null when the text is not a valid escape.</summary>
    public static string? UnescapeLocalpart(string localpart)
    {
        var bytes = new List<byte>(localpart.Length);
        for (var i = 0; i < localpart.Length; i++)
        {
            var c = localpart[i];
            if (c == '_')
            {
                if (++i >= localpart.Length)
                {
                    return null;
                }

                var next = localpart[i];
                bytes.Add(next == '_' ? (byte)'_' : (byte)char.ToUpperInvariant(next));
            }
            else if (c == '=')
            {
                if (i + 2 >= localpart.Length)
                {
                    return null;
                }

                if (!byte.TryParse(localpart.AsSpan(i + 1, 2), System.Globalization.NumberStyles.HexNumber, null, out var b))
                {
                    return null;
                }

                bytes.Add(b);
                i += 2;
            }
            else
            {
                bytes.Add((byte)c);
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
