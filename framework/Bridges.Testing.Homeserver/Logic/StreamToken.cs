using System.Globalization;
using Bridges.Testing.Homeserver.Http;

namespace Bridges.Testing.Homeserver.Logic;

/// <summary>
/// Sync and pagination tokens: <c>s</c> + a stream position. A token stands between events: those at or below
/// its position are "before" it.
/// </summary>
internal static class StreamToken
{
    public static string Format(long position) => "s" + position.ToString(CultureInfo.InvariantCulture);

    public static long? ParseOptional(string? token) => token is null ? null : Parse(token);

    public static long Parse(string token) =>
        token.Length > 1 && token[0] == 's' &&
        long.TryParse(token.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var position)
            ? position
            : throw MatrixError.InvalidParam($"Invalid token '{token}'");
}
