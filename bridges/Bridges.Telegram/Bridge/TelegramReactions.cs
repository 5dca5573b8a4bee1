using System.Text;

namespace Bridges.Telegram.Bridge;

/// <summary>
/// Reaction keys between Matrix and Telegram. Telegram accepts only the exact emoji of its list (ReactionTypeEmoji,
/// mostly without the U+FE0F variation selector), while Matrix clients send fully qualified emoji ("❤️" = U+2764
/// U+FE0F) and sometimes skin tones. Both directions go through here, so a reaction maps to one key either way and its
/// removal finds it again.
/// </summary>
internal static class TelegramReactions
{
    /// <summary>Telegram's reaction emoji (Bot API 10.1, ReactionTypeEmoji.emoji).</summary>
    private static readonly HashSet<string> Allowed = new(StringComparer.Ordinal)
    {
        "❤", "👍", "👎", "🔥", "🥰", "👏", "😁", "🤔", "🤯", "😱", "🤬", "😢", "🎉", "🤩", "🤮", "💩", "🙏", "👌", "🕊", "🤡", "🥱",
        "🥴", "😍", "🐳", "❤‍🔥", "🌚", "🌭", "💯", "🤣", "⚡", "🍌", "🏆", "💔", "🤨", "😐", "🍓", "🍾", "💋", "🖕", "😈", "😴",
        "😭", "🤓", "👻", "👨‍💻", "👀", "🎃", "🙈", "😇", "😨", "🤝", "✍", "🤗", "🫡", "🎅", "🎄", "☃", "💅", "🤪", "🗿", "🆒",
        "💘", "🙉", "🦄", "😘", "💊", "🙊", "😎", "👾", "🤷‍♂", "🤷", "🤷‍♀", "😡",
    };

    /// <summary>Telegram's emoji whose usual Matrix (fully qualified) form carries U+FE0F.</summary>
    private static readonly Dictionary<string, string> MatrixForms = new(StringComparer.Ordinal)
    {
        ["❤"] = "❤\uFE0F", ["🕊"] = "🕊\uFE0F", ["☃"] = "☃\uFE0F", ["✍"] = "✍\uFE0F",
        ["❤‍🔥"] = "❤\uFE0F‍🔥", ["🤷‍♂"] = "🤷‍♂\uFE0F", ["🤷‍♀"] = "🤷‍♀\uFE0F",
    };

    /// <summary>The Telegram emoji of a Matrix reaction key, or null when Telegram has no such reaction.</summary>
    public static string? ToTelegram(string key)
    {
        var plain = Normalise(key);
        return Allowed.Contains(plain) ? plain : null;
    }

    /// <summary>The Matrix key of a Telegram reaction emoji (custom emoji ids pass through).</summary>
    public static string ToMatrix(string emoji) => MatrixForms.GetValueOrDefault(emoji, emoji);

    /// <summary>Drops variation selectors (U+FE0E, U+FE0F) and skin-tone modifiers (U+1F3FB–U+1F3FF).</summary>
    private static string Normalise(string key)
    {
        var builder = new StringBuilder(key.Length);
        foreach (var rune in key.EnumerateRunes())
        {
            if (rune.Value is 0xFE0E or 0xFE0F or (>= 0x1F3FB and <= 0x1F3FF))
            {
                continue;
            }

            builder.Append(rune.ToString());
        }

        return builder.ToString();
    }
}
