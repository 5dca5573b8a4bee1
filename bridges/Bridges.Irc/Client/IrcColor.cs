namespace Bridges.Irc.Client;

/// <summary>
/// An IRC colour: either a palette index 0–98 (0x03 codes) or a 24-bit RGB value (0x04 hex codes).
/// Index 99 ("default") is represented by the absence of a colour, not by an <see cref="IrcColor"/>.
/// </summary>
internal readonly record struct IrcColor
{
    // 0-15: the de-facto mIRC palette; 16-98: the table in formatting.md "Colors 16-98".
    private static readonly int[] PaletteRgb =
    [
        0xFFFFFF, 0x000000, 0x00007F, 0x009300, 0xFF0000, 0x7F0000, 0x9C009C, 0xFC7F00,
        0xFFFF00, 0x00FC00, 0x009393, 0x00FFFF, 0x0000FC, 0xFF00FF, 0x7F7F7F, 0xD2D2D2,
        0x470000, 0x472100, 0x474700, 0x324700, 0x004700, 0x00472C, 0x004747, 0x002747, 0x000047, 0x2E0047, 0x470047, 0x47002A,
        0x740000, 0x743A00, 0x747400, 0x517400, 0x007400, 0x007449, 0x007474, 0x004074, 0x000074, 0x4B0074, 0x740074, 0x740045,
        0xB50000, 0xB56300, 0xB5B500, 0x7DB500, 0x00B500, 0x00B571, 0x00B5B5, 0x0063B5, 0x0000B5, 0x7500B5, 0xB500B5, 0xB5006B,
        0xFF0000, 0xFF8C00, 0xFFFF00, 0xB2FF00, 0x00FF00, 0x00FFA0, 0x00FFFF, 0x008CFF, 0x0000FF, 0xA500FF, 0xFF00FF, 0xFF0098,
        0xFF5959, 0xFFB459, 0xFFFF71, 0xCFFF60, 0x6FFF6F, 0x65FFC9, 0x6DFFFF, 0x59B4FF, 0x5959FF, 0xC459FF, 0xFF66FF, 0xFF59BC,
        0xFF9C9C, 0xFFD39C, 0xFFFF9C, 0xE2FF9C, 0x9CFF9C, 0x9CFFDB, 0x9CFFFF, 0x9CD3FF, 0x9C9CFF, 0xDC9CFF, 0xFF9CFF, 0xFF94D3,
        0x000000, 0x131313, 0x282828, 0x363636, 0x4D4D4D, 0x656565, 0x818181, 0x9F9F9F, 0xBCBCBC, 0xE2E2E2, 0xFFFFFF,
    ];

    private readonly int _value;

    private IrcColor(int value, bool isRgb)
    {
        _value = value;
        IsRgb = isRgb;
    }

    /// <summary>True for a hex (0x04) colour, false for a palette index.</summary>
    public bool IsRgb { get; }

    /// <summary>Palette index (0–98); -1 for an RGB colour.</summary>
    public int Index => IsRgb ? -1 : _value;

    /// <summary>24-bit RGB value: the hex colour itself, or the palette entry's conventional value.</summary>
    public int Rgb => IsRgb ? _value : PaletteRgb[_value];

    /// <summary>A palette colour; <paramref name="index"/> must be 0–98.</summary>
    public static IrcColor FromIndex(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, 98);
        return new IrcColor(index, false);
    }

    /// <summary>A hex colour; <paramref name="rgb"/> must fit in 24 bits.</summary>
    public static IrcColor FromRgb(int rgb)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rgb);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rgb, 0xFFFFFF);
        return new IrcColor(rgb, true);
    }

    /// <summary>"#rrggbb" form, convenient for HTML.</summary>
    public string ToHex() => "#" + Rgb.ToString("x6", System.Globalization.CultureInfo.InvariantCulture);

    public override string ToString() => IsRgb ? ToHex() : _value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
