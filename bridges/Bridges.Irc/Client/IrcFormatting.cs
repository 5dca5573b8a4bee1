using System.Globalization;
using System.Text;

namespace Bridges.Irc.Client;

/// <summary>
/// mIRC formatting codes (formatting.md) ↔ spans. Parsing follows the spec's colour rules: up to two digits are
/// always consumed for a colour, <c>\x03</c> alone resets both colours, a comma not followed by a digit is text.
/// Rendering is defensive against "mistaken eating of text": colours are always written with two digits and a
/// colour reset is written as <c>\x0F</c> plus re-applied styles, never as a bare <c>\x03</c> before text.
/// </summary>
internal static class IrcFormatting
{
    public const char Bold = '\u0002';
    public const char Color = '\u0003';
    public const char HexColor = '\u0004';
    public const char Reset = '\u000F';
    public const char Monospace = '\u0011';
    public const char Reverse = '\u0016';
    public const char Italic = '\u001D';
    public const char Strikethrough = '\u001E';
    public const char Underline = '\u001F';

    private static readonly (IrcTextStyle Style, char Code)[] Toggles =
    [
        (IrcTextStyle.Bold, Bold), (IrcTextStyle.Italic, Italic), (IrcTextStyle.Underline, Underline),
        (IrcTextStyle.Strikethrough, Strikethrough), (IrcTextStyle.Monospace, Monospace), (IrcTextStyle.Reverse, Reverse),
    ];

    /// <summary>Splits formatted text into spans; adjacent text with equal formatting is merged, empty spans dropped.</summary>
    public static IReadOnlyList<IrcTextSpan> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var spans = new List<IrcTextSpan>();
        var sb = new StringBuilder();
        var style = IrcTextStyle.None;
        IrcColor? fg = null, bg = null;

        void Flush()
        {
            if (sb.Length == 0)
            {
                return;
            }

            var span = new IrcTextSpan(sb.ToString(), style, fg, bg);
            if (spans.Count > 0 && spans[^1].SameFormatAs(span))
            {
                spans[^1] = spans[^1] with { Text = spans[^1].Text + span.Text };
            }
            else
            {
                spans.Add(span);
            }

            sb.Clear();
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var toggle = ToggleFor(c);
            if (toggle != IrcTextStyle.None)
            {
                Flush();
                style ^= toggle;
            }
            else if (c == Reset)
            {
                Flush();
                style = IrcTextStyle.None;
                fg = bg = null;
            }
            else if (c == Color)
            {
                Flush();
                i = ParsePaletteColor(text, i + 1, ref fg, ref bg) - 1;
            }
            else if (c == HexColor)
            {
                Flush();
                i = ParseHexColor(text, i + 1, ref fg, ref bg) - 1;
            }
            else
            {
                sb.Append(c);
            }
        }

        Flush();
        return spans;
    }

    /// <summary>Removes all formatting codes, keeping the text.</summary>
    public static string Strip(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().IndexOfAny("\u0002\u0003\u0004\u000F\u0011\u0016\u001D\u001E\u001F") < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        foreach (var span in Parse(text))
        {
            sb.Append(span.Text);
        }

        return sb.ToString();
    }

    /// <summary>Renders spans back to text with formatting codes.</summary>
    public static string Render(IEnumerable<IrcTextSpan> spans)
    {
        ArgumentNullException.ThrowIfNull(spans);
        var sb = new StringBuilder();
        var style = IrcTextStyle.None;
        IrcColor? fg = null, bg = null;
        foreach (var span in spans)
        {
            if (span.Text.Length == 0)
            {
                continue;
            }

            var lostColour = (fg is not null && span.Foreground is null) || (bg is not null && span.Background is null);
            if (lostColour)
            {
                // A bare \x03 could swallow following digits; \x0F resets unambiguously.
                sb.Append(Reset);
                style = IrcTextStyle.None;
                fg = bg = null;
            }

            foreach (var (flag, code) in Toggles)
            {
                if ((style & flag) != (span.Style & flag))
                {
                    sb.Append(code);
                }
            }

            style = span.Style;
            if (span.Foreground != fg || span.Background != bg)
            {
                AppendColour(sb, span.Foreground, span.Background);
                fg = span.Foreground;
                bg = span.Background;
                if (span.Background is null && span.Text[0] == ',')
                {
                    // "\x0304" + ",5" would read as a background; a double toggle separates them.
                    sb.Append(Bold).Append(Bold);
                }
            }

            sb.Append(span.Text);
        }

        return sb.ToString();
    }

    private static void AppendColour(StringBuilder sb, IrcColor? fg, IrcColor? bg)
    {
        if (fg is null && bg is null)
        {
            return;
        }

        var useHex = fg?.IsRgb == true || bg?.IsRgb == true;
        if (useHex)
        {
            sb.Append(HexColor).Append(fg is { } f ? f.Rgb.ToString("X6", CultureInfo.InvariantCulture) : "000000");
            if (bg is { } b)
            {
                sb.Append(',').Append(b.Rgb.ToString("X6", CultureInfo.InvariantCulture));
            }

            return;
        }

        // 99 means "default" where only the background is set.
        sb.Append(Color).Append((fg?.Index ?? 99).ToString("D2", CultureInfo.InvariantCulture));
        if (bg is { } bgc)
        {
            sb.Append(',').Append(bgc.Index.ToString("D2", CultureInfo.InvariantCulture));
        }
    }

    private static IrcTextStyle ToggleFor(char c) => c switch
    {
        Bold => IrcTextStyle.Bold,
        Italic => IrcTextStyle.Italic,
        Underline => IrcTextStyle.Underline,
        Strikethrough => IrcTextStyle.Strikethrough,
        Monospace => IrcTextStyle.Monospace,
        Reverse => IrcTextStyle.Reverse,
        _ => IrcTextStyle.None,
    };

    private static int ParsePaletteColor(string text, int i, ref IrcColor? fg, ref IrcColor? bg)
    {
        var n = ReadDigits(text, i, out var fgValue);
        if (n == 0)
        {
            fg = bg = null;
            return i;
        }

        fg = ToPalette(fgValue);
        i += n;
        if (i + 1 < text.Length && text[i] == ',' && char.IsAsciiDigit(text[i + 1]))
        {
            i += 1 + ReadDigits(text, i + 1, out var bgValue);
            bg = ToPalette(bgValue);
        }

        return i;
    }

    private static int ParseHexColor(string text, int i, ref IrcColor? fg, ref IrcColor? bg)
    {
        if (!TryReadHex(text, i, out var fgRgb))
        {
            fg = bg = null;
            return i;
        }

        fg = IrcColor.FromRgb(fgRgb);
        i += 6;
        if (i < text.Length && text[i] == ',' && TryReadHex(text, i + 1, out var bgRgb))
        {
            bg = IrcColor.FromRgb(bgRgb);
            i += 7;
        }

        return i;
    }

    private static IrcColor? ToPalette(int value) => value >= 99 ? null : IrcColor.FromIndex(value);

    private static int ReadDigits(string text, int i, out int value)
    {
        value = 0;
        var n = 0;
        while (n < 2 && i + n < text.Length && char.IsAsciiDigit(text[i + n]))
        {
            value = (value * 10) + (text[i + n] - '0');
            n++;
        }

        return n;
    }

    private static bool TryReadHex(string text, int i, out int rgb) =>
        int.TryParse(i + 6 <= text.Length ? text.AsSpan(i, 6) : [], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out rgb)
        && IsHex6(text, i);

    private static bool IsHex6(string text, int i)
    {
        for (var k = 0; k < 6; k++)
        {
            if (!char.IsAsciiHexDigit(text[i + k]))
            {
                return false;
            }
        }

        return true;
    }
}
