using System.Globalization;
using System.Text;

namespace Bridges.Irc.Client;

/// <summary>
/// Alternative nicks after a registration-time 433/436 (in use) or 432 (erroneous): first <c>nick_</c>,
/// <c>nick__</c>, then <c>nick2</c>, <c>nick3</c>…, always cut to fit the nick length limit. A 432 switches to
/// a sanitised base (RFC 2812 nick characters) and, while NICKLEN is unknown, to shorter limits (16, then 9),
/// since an over-long nick is the most common reason for it.
/// </summary>
internal static class IrcNickGenerator
{
    /// <summary>Attempts after which registration gives up.</summary>
    public const int MaxAttempts = 12;

    public static string Candidate(string desired, int collisions, int erroneous, int? nickLen)
    {
        ArgumentException.ThrowIfNullOrEmpty(desired);
        var baseNick = erroneous > 0 ? Sanitize(desired) : desired;
        var limit = nickLen ?? erroneous switch
        {
            0 => int.MaxValue,
            1 => 16,
            _ => 9,
        };
        limit = Math.Max(limit, 2);

        var suffix = collisions switch
        {
            0 => string.Empty,
            1 => "_",
            2 => "__",
            _ => collisions.ToString(CultureInfo.InvariantCulture),
        };

        var keep = Math.Max(1, Math.Min(baseNick.Length, limit - suffix.Length));
        return baseNick[..keep] + suffix;
    }

    /// <summary>Replaces characters not allowed in RFC 2812 nicks with '_' and avoids a leading digit or '-'.</summary>
    public static string Sanitize(string nick)
    {
        ArgumentNullException.ThrowIfNull(nick);
        var sb = new StringBuilder(nick.Length);
        foreach (var c in nick)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || "[]\\`_^{|}-".Contains(c, StringComparison.Ordinal) ? c : '_');
        }

        if (sb.Length == 0 || char.IsAsciiDigit(sb[0]) || sb[0] == '-')
        {
            sb.Insert(0, '_');
        }

        return sb.ToString();
    }
}
