using System.Text;

namespace Bridges.Irc.Client;

/// <summary>
/// Serialises <see cref="IrcMessage"/>s for the wire. This is the protocol-injection choke point: a CR or LF
/// anywhere in a message throws (so text can never smuggle a second command), NUL is stripped from
/// parameters (it cannot be sent and carries no meaning), and parameter shapes that would re-parse
/// differently (a middle parameter with a space, empty, or starting with ':') throw too.
/// </summary>
internal static class IrcMessageWriter
{
    /// <summary>Line limit of c2s_structure.md: 512 bytes including CR LF, tags excluded.</summary>
    public const int DefaultMaxLineBytes = 512;

    /// <summary>Pass as the limit to skip the length check (display and tests).</summary>
    public const int UnlimitedLength = int.MaxValue;

    /// <summary>Serialises to bytes including the trailing CR LF.</summary>
    /// <param name="message">The message.</param>
    /// <param name="maxLineBytes">Limit for the message without tags, CR LF included (LINELEN, default 512).</param>
    /// <exception cref="ArgumentException">Content cannot be sent safely or the line is too long.</exception>
    public static byte[] Serialize(IrcMessage message, int maxLineBytes = DefaultMaxLineBytes)
    {
        var text = Format(message, maxLineBytes);
        var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 2];
        var n = Encoding.UTF8.GetBytes(text, bytes);
        bytes[n] = (byte)'\r';
        bytes[n + 1] = (byte)'\n';
        return bytes;
    }

    /// <summary>Serialises to the wire text without CR LF, with the same validation as <see cref="Serialize"/>.</summary>
    public static string Format(IrcMessage message, int maxLineBytes)
    {
        ArgumentNullException.ThrowIfNull(message);
        var sb = new StringBuilder(64);
        var tagBytes = 0;
        if (message.Tags.Count > 0)
        {
            sb.Append('@');
            var first = true;
            foreach (var (key, value) in message.Tags)
            {
                ValidateTagKey(key);
                if (!first)
                {
                    sb.Append(';');
                }

                first = false;
                sb.Append(key);
                if (!string.IsNullOrEmpty(value))
                {
                    sb.Append('=');
                    IrcTags.Escape(value, sb);
                }
            }

            tagBytes = Encoding.UTF8.GetByteCount(sb.ToString());
            if (tagBytes - 1 > IrcTags.MaxClientTagDataBytes)
            {
                throw new ArgumentException($"Tag data is {tagBytes - 1} bytes; the limit is {IrcTags.MaxClientTagDataBytes}.", nameof(message));
            }

            sb.Append(' ');
            tagBytes++;
        }

        if (message.Source is { } source)
        {
            if (source.Length == 0 || source.AsSpan().IndexOfAny(" \r\n\0") >= 0)
            {
                throw new ArgumentException("Source must be non-empty and contain no space, CR, LF or NUL.", nameof(message));
            }

            sb.Append(':').Append(source).Append(' ');
        }

        ValidateCommand(message.Command);
        sb.Append(message.Command);

        var ps = message.Params;
        for (var i = 0; i < ps.Count; i++)
        {
            var p = StripNul(ps[i]);
            if (p.AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                throw new ArgumentException($"Parameter {i} of {message.Command} contains CR or LF; refusing to send it (protocol injection).", nameof(message));
            }

            sb.Append(' ');
            var last = i == ps.Count - 1;
            if (last)
            {
                if (p.Length == 0 || p[0] == ':' || p.Contains(' ', StringComparison.Ordinal))
                {
                    sb.Append(':');
                }
            }
            else if (p.Length == 0 || p[0] == ':' || p.Contains(' ', StringComparison.Ordinal))
            {
                throw new ArgumentException($"Parameter {i} of {message.Command} is not the last one, so it must be non-empty, contain no space and not start with ':'.", nameof(message));
            }

            sb.Append(p);
        }

        var result = sb.ToString();
        if (maxLineBytes != UnlimitedLength)
        {
            var bodyBytes = Encoding.UTF8.GetByteCount(result) - tagBytes + 2;
            if (bodyBytes > maxLineBytes)
            {
                throw new ArgumentException($"{message.Command} line is {bodyBytes} bytes with CR LF; the limit is {maxLineBytes}.", nameof(message));
            }
        }

        return result;
    }

    private static string StripNul(string s) => s.Contains('\0', StringComparison.Ordinal) ? s.Replace("\0", string.Empty, StringComparison.Ordinal) : s;

    private static void ValidateTagKey(string key)
    {
        if (key.Length == 0 || key.AsSpan().IndexOfAny(" ;=\r\n\0\\") >= 0)
        {
            throw new ArgumentException($"Invalid tag key '{key}'.", nameof(key));
        }
    }

    private static void ValidateCommand(string command)
    {
        foreach (var c in command)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                throw new ArgumentException($"Invalid command '{command}': only ASCII letters and digits are allowed.", nameof(command));
            }
        }
    }
}
