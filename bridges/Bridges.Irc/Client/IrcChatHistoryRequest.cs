using System.Globalization;

namespace Bridges.Irc.Client;

/// <summary>
/// One IRCv3 <c>CHATHISTORY</c> query (draft/chathistory): the newest messages of a target, the newest before a
/// time, or the oldest after one. Times are the anchors: every server that offers the extension takes them.
/// </summary>
internal sealed record IrcChatHistoryRequest(string Subcommand, string Target, DateTimeOffset? At, int Limit)
{
    /// <summary>The capability that enables the command.</summary>
    public const string Capability = "draft/chathistory";

    /// <summary>The newest <paramref name="limit"/> messages.</summary>
    public static IrcChatHistoryRequest Latest(string target, int limit) => new("LATEST", target, null, limit);

    /// <summary>The newest <paramref name="limit"/> messages before <paramref name="at"/> (exclusive).</summary>
    public static IrcChatHistoryRequest Before(string target, DateTimeOffset at, int limit) => new("BEFORE", target, at, limit);

    /// <summary>The oldest <paramref name="limit"/> messages after <paramref name="at"/> (exclusive).</summary>
    public static IrcChatHistoryRequest After(string target, DateTimeOffset at, int limit) => new("AFTER", target, at, limit);

    /// <summary>The command, with the limit lowered to what the server allows (<c>CHATHISTORY=</c> in ISUPPORT, 0: no cap).</summary>
    public IrcMessage ToMessage(int? serverLimit)
    {
        var limit = serverLimit is > 0 and var max ? Math.Min(Limit, max) : Limit;
        var reference = At is { } at ? "timestamp=" + at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) : "*";
        return new IrcMessage(IrcCommands.ChatHistory, Subcommand, Target, reference, Math.Max(1, limit).ToString(CultureInfo.InvariantCulture));
    }
}
