using System.Globalization;
using System.Text;

namespace Bridges.Irc.Client;

/// <summary>
/// Splits text for PRIVMSG/NOTICE: every newline (CR LF, LF or CR) starts a new line, and a line longer than
/// the byte budget is cut on a word boundary when one exists, else on a grapheme boundary, else on a code
/// point boundary — never inside a UTF-8 sequence. The space at a word cut stays at the end of the piece,
/// as multiline.md recommends, so concatenating the pieces gives back the original line.
/// </summary>
internal static class IrcLineSplitter
{
    /// <summary>Splits <paramref name="text"/> into pieces of at most <paramref name="maxBytes"/> UTF-8 bytes each.
    /// Empty lines are kept (multiline batches carry them); plain senders skip them.</summary>
    public static IReadOnlyList<IrcTextChunk> Split(string text, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 4);
        var result = new List<IrcTextChunk>();
        var clean = text.Contains('\0', StringComparison.Ordinal) ? text.Replace("\0", string.Empty, StringComparison.Ordinal) : text;
        var lines = clean.ReplaceLineEndings("\n").Split('\n');
        foreach (var line in lines)
        {
            SplitLine(line, maxBytes, result);
        }

        return result;
    }

    /// <summary>UTF-8 byte budget for the text of a PRIVMSG/NOTICE as the server relays it:
    /// <c>:nick!user@host COMMAND target :text\r\n</c> must fit in <paramref name="lineLimit"/>.</summary>
    public static int TextBudget(int lineLimit, string nick, string user, string host, string command, string target, int safetyMargin)
    {
        ArgumentNullException.ThrowIfNull(nick);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(target);

        // ':' nick '!' user '@' host ' ' command ' ' target ' :' text CR LF
        var overhead = 1 + Encoding.UTF8.GetByteCount(nick) + 1 + Encoding.UTF8.GetByteCount(user) + 1 +
                       Encoding.UTF8.GetByteCount(host) + 1 + command.Length + 1 + Encoding.UTF8.GetByteCount(target) + 2 + 2;
        return lineLimit - overhead - safetyMargin;
    }

    private static void SplitLine(string line, int maxBytes, List<IrcTextChunk> result)
    {
        if (Encoding.UTF8.GetByteCount(line) <= maxBytes)
        {
            result.Add(new IrcTextChunk(line, false));
            return;
        }

        var start = 0;
        var continuation = false;
        while (start < line.Length)
        {
            var end = FindCut(line, start, maxBytes);
            result.Add(new IrcTextChunk(line[start..end], continuation));
            continuation = true;
            start = end;
        }
    }

    /// <summary>End index (exclusive) of the longest acceptable piece starting at <paramref name="start"/>.</summary>
    private static int FindCut(string line, int start, int maxBytes)
    {
        var bytes = 0;
        var i = start;
        var lastWordCut = -1;
        while (i < line.Length)
        {
            var elementLength = StringInfo.GetNextTextElementLength(line, i);
            var elementBytes = Encoding.UTF8.GetByteCount(line.AsSpan(i, elementLength));
            if (bytes + elementBytes > maxBytes)
            {
                if (lastWordCut > start)
                {
                    return lastWordCut;
                }

                if (i > start)
                {
                    return i;
                }

                // A single grapheme (e.g. a long combining sequence) over budget: cut between code points.
                return CutByRunes(line, i, maxBytes);
            }

            bytes += elementBytes;
            i += elementLength;
            if (line[i - 1] == ' ')
            {
                lastWordCut = i;
            }
        }

        return i;
    }

    private static int CutByRunes(string line, int start, int maxBytes)
    {
        var bytes = 0;
        var i = start;
        while (i < line.Length)
        {
            var status = Rune.DecodeFromUtf16(line.AsSpan(i), out var rune, out var consumed);
            var runeBytes = status == System.Buffers.OperationStatus.Done ? rune.Utf8SequenceLength : 3;
            if (bytes + runeBytes > maxBytes)
            {
                break;
            }

            bytes += runeBytes;
            i += consumed;
        }

        return i > start ? i : start + Math.Max(1, char.IsHighSurrogate(line[start]) && start + 1 < line.Length ? 2 : 1);
    }
}
