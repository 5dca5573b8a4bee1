namespace Bridges.Irc.Client;

/// <summary>Toggle-style formatting of a text span (formatting.md "Characters").</summary>
[Flags]
internal enum IrcTextStyle
{
    None = 0,

    /// <summary>0x02.</summary>
    Bold = 1,

    /// <summary>0x1D.</summary>
    Italic = 2,

    /// <summary>0x1F.</summary>
    Underline = 4,

    /// <summary>0x1E.</summary>
    Strikethrough = 8,

    /// <summary>0x11.</summary>
    Monospace = 16,

    /// <summary>0x16: foreground and background swapped.</summary>
    Reverse = 32,
}
