namespace Bridges.Irc.Client;

/// <summary>A run of text with one formatting state; colours are null when the client default applies.</summary>
/// <param name="Text">The text, without control codes.</param>
/// <param name="Style">Toggle styles in effect.</param>
/// <param name="Foreground">Foreground colour, or null for the default.</param>
/// <param name="Background">Background colour, or null for the default.</param>
internal readonly record struct IrcTextSpan(string Text, IrcTextStyle Style = IrcTextStyle.None, IrcColor? Foreground = null, IrcColor? Background = null)
{
    /// <summary>True when the span has the same formatting as <paramref name="other"/>.</summary>
    public bool SameFormatAs(IrcTextSpan other) =>
        Style == other.Style && Foreground == other.Foreground && Background == other.Background;
}
