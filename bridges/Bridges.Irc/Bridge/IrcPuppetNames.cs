using System.Text;
using Bridges.Irc.Client;
using Bridges.Matrix.Ids;

namespace Bridges.Irc.Bridge;

/// <summary>A puppet's nick, ident and real name from the network's templates.</summary>
internal static class IrcPuppetNames
{
    /// <summary>The template with <c>{localpart}</c> cut so the nick fits the cap, in nick-safe characters.</summary>
    public static string Nick(IrcNetworkOptions options, UserId user)
    {
        var localpart = IrcNickGenerator.Sanitize(user.Localpart).TrimStart('_');
        var rest = options.NickTemplate.Replace("{localpart}", string.Empty, StringComparison.Ordinal);
        var keep = Math.Max(1, Math.Min(localpart.Length, options.NickMaxLength - rest.Length));
        var nick = IrcNickGenerator.Sanitize(options.NickTemplate.Replace("{localpart}", localpart.Length == 0 ? "m" : localpart[..Math.Min(keep, localpart.Length)], StringComparison.Ordinal));
        return nick.Length > options.NickMaxLength ? nick[..options.NickMaxLength] : nick;
    }

    /// <summary>The ident: lower-case letters and digits, at most 10.</summary>
    public static string UserName(IrcNetworkOptions options, UserId user)
    {
        var sb = new StringBuilder();
        foreach (var c in options.UsernameTemplate.Replace("{localpart}", user.Localpart, StringComparison.Ordinal).ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c) && sb.Length < 10)
            {
                sb.Append(c);
            }
        }

        return sb.Length == 0 ? "matrix" : sb.ToString();
    }

    public static string RealName(IrcNetworkOptions options, UserId user) =>
        options.RealnameTemplate.Replace("{localpart}", user.Localpart, StringComparison.Ordinal).Replace("{userid}", user.Value, StringComparison.Ordinal);
}
