using Bridges.Core.Logins;
using Bridges.Core.Network.Ids;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Commands;

/// <summary>Everything a command handler gets.</summary>
public sealed class CommandContext
{
    private readonly Func<string, string?, CancellationToken, Task> _reply;

    internal CommandContext(BridgeUser user, RoomId room, string command, IReadOnlyList<string> args, string rawArgs,
        PortalKey? portal, UserLogin? login, Func<string, string?, CancellationToken, Task> reply)
    {
        User = user;
        Room = room;
        Command = command;
        Args = args;
        RawArgs = rawArgs;
        Portal = portal;
        Login = login;
        _reply = reply;
    }

    /// <summary>Who ran it.</summary>
    public BridgeUser User { get; }

    /// <summary>Where.</summary>
    public RoomId Room { get; }

    /// <summary>The command name as typed.</summary>
    public string Command { get; }

    /// <summary>Arguments split on spaces (quotes keep spaces).</summary>
    public IReadOnlyList<string> Args { get; }

    /// <summary>Everything after the command name, unsplit.</summary>
    public string RawArgs { get; }

    /// <summary>The portal, when run in a portal room.</summary>
    public PortalKey? Portal { get; }

    /// <summary>The user's login on this network, if any.</summary>
    public UserLogin? Login { get; }

    /// <summary>Answers in the room as a notice (Markdown-free plain text, optional HTML).</summary>
    public Task ReplyAsync(string text, CancellationToken ct, string? html = null) => _reply(text, html, ct);
}
