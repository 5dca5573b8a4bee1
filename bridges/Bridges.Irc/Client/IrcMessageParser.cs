using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Bridges.Irc.Client;

/// <summary>
/// Parses IRC lines from bytes (c2s_structure.md, message-tags.md). Each component is decoded on its own:
/// UTF-8 when valid, otherwise Latin-1 (modern-appendix "Character Encodings"), so one legacy-encoded
/// parameter does not garble the rest. Tag values that are not UTF-8 are dropped, as message-tags.md allows.
/// </summary>
internal static class IrcMessageParser
{
    /// <summary>Largest line we accept: 8191 bytes of tags plus 512 of message, with slack for sloppy servers.</summary>
    public const int MaxLineBytes = 16 * 1024;

    private const int StackCopyLimit = 1024;

    /// <summary>
    /// Takes the next LF-terminated line off <paramref name="buffer"/> (CR before LF removed).
    /// Returns false when no complete line is buffered yet.
    /// </summary>
    public static bool TryReadLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadTo(out line, (byte)'\n'))
        {
            return false;
        }

        if (line.Length > 0)
        {
            var lastPos = line.GetPosition(line.Length - 1);
            if (line.Slice(lastPos).FirstSpan[0] == (byte)'\r')
            {
                line = line.Slice(0, line.Length - 1);
            }
        }

        buffer = buffer.Slice(reader.Position);
        return true;
    }

    /// <summary>Parses a line; returns null for an empty/whitespace line or one without a command.</summary>
    public static IrcMessage? TryParse(in ReadOnlySequence<byte> line)
    {
        if (line.IsSingleSegment)
        {
            return TryParse(line.FirstSpan);
        }

        var length = checked((int)line.Length);
        if (length <= StackCopyLimit)
        {
            Span<byte> tmp = stackalloc byte[length];
            line.CopyTo(tmp);
            return TryParse(tmp);
        }

        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            line.CopyTo(rented);
            return TryParse(rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Parses a line and throws <see cref="FormatException"/> when it has no command.</summary>
    public static IrcMessage Parse(ReadOnlySpan<byte> line) =>
        TryParse(line) ?? throw new FormatException("IRC line has no command.");

    /// <summary>Parses a line (without CR LF); returns null for an empty line or one without a command.</summary>
    public static IrcMessage? TryParse(ReadOnlySpan<byte> line)
    {
        // Stray CR/LF would only come from a caller that did not frame; treat them as the end of the line.
        var eol = line.IndexOfAny((byte)'\r', (byte)'\n');
        if (eol >= 0)
        {
            line = line[..eol];
        }

        var rest = SkipSpaces(line);
        var tags = IrcTags.Empty;
        if (!rest.IsEmpty && rest[0] == (byte)'@')
        {
            var end = rest.IndexOf((byte)' ');
            if (end < 0)
            {
                return null;
            }

            tags = ParseTags(rest[1..end]);
            rest = SkipSpaces(rest[(end + 1)..]);
        }

        string? source = null;
        if (!rest.IsEmpty && rest[0] == (byte)':')
        {
            var end = rest.IndexOf((byte)' ');
            if (end < 0)
            {
                return null;
            }

            source = Decode(rest[1..end]);
            rest = SkipSpaces(rest[(end + 1)..]);
        }

        var cmdEnd = rest.IndexOf((byte)' ');
        var cmdBytes = cmdEnd < 0 ? rest : rest[..cmdEnd];
        if (cmdBytes.IsEmpty)
        {
            return null;
        }

        var command = IrcCommands.InternUpper(cmdBytes);
        rest = cmdEnd < 0 ? [] : rest[cmdEnd..];

        var parameters = new List<string>(4);
        while (true)
        {
            rest = SkipSpaces(rest);
            if (rest.IsEmpty)
            {
                break;
            }

            if (rest[0] == (byte)':')
            {
                parameters.Add(Decode(rest[1..]));
                break;
            }

            var end = rest.IndexOf((byte)' ');
            var middle = end < 0 ? rest : rest[..end];
            parameters.Add(Decode(middle));
            rest = end < 0 ? [] : rest[end..];
        }

        return new IrcMessage(tags, source, command, [.. parameters]);
    }

    /// <summary>Decodes bytes as UTF-8 when valid, else as Latin-1 (every byte maps to one char).</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return string.Empty;
        }

        return Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes) : Encoding.Latin1.GetString(bytes);
    }

    private static IrcTags ParseTags(ReadOnlySpan<byte> data)
    {
        var list = new List<KeyValuePair<string, string?>>(4);
        Span<char> chars = data.Length <= 512 ? stackalloc char[data.Length] : new char[data.Length];
        while (!data.IsEmpty)
        {
            var semi = data.IndexOf((byte)';');
            var tag = semi < 0 ? data : data[..semi];
            data = semi < 0 ? [] : data[(semi + 1)..];
            if (tag.IsEmpty)
            {
                continue;
            }

            var eq = tag.IndexOf((byte)'=');
            var keyBytes = eq < 0 ? tag : tag[..eq];
            if (keyBytes.IsEmpty)
            {
                continue;
            }

            string? value = null;
            if (eq >= 0 && eq + 1 < tag.Length)
            {
                var raw = tag[(eq + 1)..];
                if (Utf8.IsValid(raw))
                {
                    var n = Encoding.UTF8.GetChars(raw, chars);
                    value = IrcTags.Unescape(chars[..n]);
                }
            }

            IrcTags.AddOrReplace(list, IrcCommands.InternTagKey(keyBytes), value);
        }

        return IrcTags.FromList(list);
    }

    private static ReadOnlySpan<byte> SkipSpaces(ReadOnlySpan<byte> s)
    {
        var i = s.IndexOfAnyExcept((byte)' ');
        return i < 0 ? [] : s[i..];
    }
}
