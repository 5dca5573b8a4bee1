using System.Globalization;

namespace Bridges.Irc.Client;

/// <summary>Aggregated WHOIS reply (311/312/313/317/319/301/330/338/378/671 up to 318).</summary>
internal sealed class IrcWhoisResult
{
    public required string Nick { get; init; }

    public string? User { get; init; }

    public string? Host { get; init; }

    public string? RealName { get; init; }

    public string? Server { get; init; }

    public string? ServerInfo { get; init; }

    /// <summary>Account name from 330 RPL_WHOISACCOUNT.</summary>
    public string? Account { get; init; }

    public bool IsOperator { get; init; }

    /// <summary>True when 671 RPL_WHOISSECURE said the user is on TLS.</summary>
    public bool IsSecure { get; init; }

    /// <summary>Away message from 301, null when not away.</summary>
    public string? AwayMessage { get; init; }

    public TimeSpan? Idle { get; init; }

    public DateTimeOffset? SignOn { get; init; }

    /// <summary>Channels from 319 with their prefix symbols as the server sent them (e.g. "@#chan").</summary>
    public IReadOnlyList<string> Channels { get; init; } = [];

    /// <summary>Every reply line, for fields this model does not cover.</summary>
    public IReadOnlyList<IrcMessage> Replies { get; init; } = [];

    /// <summary>Builds the result from reply lines; null when the server said 401 (no such nick) and nothing else.</summary>
    public static IrcWhoisResult? FromReplies(string nick, IReadOnlyList<IrcMessage> replies)
    {
        ArgumentNullException.ThrowIfNull(replies);
        string? user = null, host = null, real = null, server = null, serverInfo = null, account = null, away = null;
        bool oper = false, secure = false, found = false;
        TimeSpan? idle = null;
        DateTimeOffset? signOn = null;
        var channels = new List<string>();
        foreach (var m in replies)
        {
            switch (m.Command)
            {
                case IrcCommands.RplWhoisUser:
                    found = true;
                    nick = m.Param(1) ?? nick;
                    user = m.Param(2);
                    host = m.Param(3);
                    real = m.LastParam;
                    break;
                case IrcCommands.RplWhoisServer:
                    server = m.Param(2);
                    serverInfo = m.Param(3);
                    break;
                case IrcCommands.RplWhoisOperator:
                    oper = true;
                    break;
                case IrcCommands.RplWhoisIdle:
                    idle = long.TryParse(m.Param(2), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? TimeSpan.FromSeconds(s) : null;
                    signOn = long.TryParse(m.Param(3), NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? DateTimeOffset.FromUnixTimeSeconds(t) : null;
                    break;
                case IrcCommands.RplWhoisChannels when m.LastParam is { } list:
                    channels.AddRange(list.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                    break;
                case IrcCommands.RplWhoisAccount:
                    account = m.Param(2);
                    break;
                case IrcCommands.RplAway:
                    away = m.LastParam;
                    break;
                case IrcCommands.RplWhoisSecure:
                    secure = true;
                    break;
            }
        }

        if (!found)
        {
            return null;
        }

        return new IrcWhoisResult
        {
            Nick = nick,
            User = user,
            Host = host,
            RealName = real,
            Server = server,
            ServerInfo = serverInfo,
            Account = account,
            IsOperator = oper,
            IsSecure = secure,
            AwayMessage = away,
            Idle = idle,
            SignOn = signOn,
            Channels = channels,
            Replies = replies,
        };
    }
}
