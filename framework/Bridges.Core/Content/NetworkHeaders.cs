using System.Text;

namespace Bridges.Core.Content;

/// <summary>
/// Keeps subjects and network headers harmless whichever way they travel: a header name is an RFC 5322 field name
/// (printable ASCII without colon or space), a value or subject is one line of at most 998 characters with control
/// characters removed, and at most 16 headers pass. So nothing coming from Matrix can add a header or a line to a
/// mail, and nothing from a remote network can break a Matrix client's layout.
/// </summary>
public static class NetworkHeaders
{
    /// <summary>The most headers carried on one message.</summary>
    public const int MaxHeaders = 16;

    /// <summary>RFC 5322's limit on a line, which bounds one header value.</summary>
    public const int MaxValueLength = 998;

    /// <summary>A single safe line, or null when nothing printable is left.</summary>
    public static string? SafeLine(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var line = new StringBuilder(Math.Min(value.Length, MaxValueLength));
        var folded = false;
        foreach (var c in value)
        {
            if (line.Length == MaxValueLength)
            {
                break;
            }

            // A line break and the folding white space after it become one space (a folded subject stays one
            // readable line); other controls go.
            if (c is '\r' or '\n' or '\t' || c == '\u2028' || c == '\u2029' || (folded && c == ' '))
            {
                if (!folded && line.Length > 0 && line[^1] != ' ')
                {
                    line.Append(' ');
                }

                folded = c != '\t' || folded;
            }
            else if (!char.IsControl(c))
            {
                line.Append(c);
                folded = false;
            }
        }

        var text = line.ToString().Trim();
        return text.Length == 0 ? null : text;
    }

    /// <summary>Only well-formed names with safe values, at most <see cref="MaxHeaders"/>; the first of duplicate names wins.</summary>
    public static IReadOnlyDictionary<string, string> Sanitize(IEnumerable<KeyValuePair<string, string>>? headers)
    {
        var safe = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers ?? [])
        {
            if (safe.Count == MaxHeaders)
            {
                break;
            }

            if (IsFieldName(name) && SafeLine(value) is { } line)
            {
                safe.TryAdd(name, line);
            }
        }

        return safe;
    }

    private static bool IsFieldName(string? name) =>
        name is { Length: > 0 and <= 76 } && name.All(c => c is > ' ' and <= '~' and not ':');
}
