using System.Collections.Concurrent;
using System.Text;
using Bridges.Core.Bridge;
using Bridges.Core.Logins;
using Bridges.Core.Permissions;
using Bridges.Core.Portals;
using Bridges.Matrix.Events;
using Bridges.Matrix.Ids;
using Microsoft.Extensions.Logging;

namespace Bridges.Core.Commands;

/// <summary>
/// Parses and runs commands: in the management room (a room with the bot that is not a portal) every message is
/// a command, in portals only those starting with the prefix. Help is generated from the registered commands.
/// </summary>
internal sealed partial class CommandProcessor : ICommandRegistry
{
    private readonly BridgeContext _env;
    private readonly PortalRegistry _portals;
    private readonly LoginRegistry _registry;
    private readonly LoginService _loginService;
    private readonly PortalRoomService _rooms;
    private readonly DoublePuppeting _puppets;
    private readonly UserNotices _notices;
    private readonly RemoteEventSink _sink;
    private readonly Dictionary<string, BridgeCommand> _commands = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<UserId, PendingLogin> _logins = new();

    public CommandProcessor(BridgeContext env, PortalRegistry portals, LoginRegistry logins, LoginService loginService, PortalRoomService rooms,
        DoublePuppeting puppets, UserNotices notices, RemoteEventSink sink)
    {
        _env = env;
        _portals = portals;
        _registry = logins;
        _loginService = loginService;
        _rooms = rooms;
        _puppets = puppets;
        _notices = notices;
        _sink = sink;
        foreach (var command in CoreCommands())
        {
            Add(command);
        }
    }

    public void Add(BridgeCommand command)
    {
        foreach (var name in command.Aliases.Prepend(command.Name))
        {
            if (!_commands.TryAdd(name, command))
            {
                throw new InvalidOperationException($"A command named '{name}' exists already.");
            }
        }
    }

    /// <summary>Handles the message if it is a command (or a login step answer); false when it is an ordinary message.</summary>
    public async Task<bool> TryHandleAsync(MatrixEvent evt, MessageContent message, Portal? portal, CancellationToken ct)
    {
        var body = message.Body.Trim();
        var prefix = _env.CommandPrefix;
        var hasPrefix = body.StartsWith(prefix + " ", StringComparison.OrdinalIgnoreCase) || body.Equals(prefix, StringComparison.OrdinalIgnoreCase);
        var isManagementRoom = portal is null && _env.Intents.Bot.IsKnownJoined(evt.RoomId);
        if (!hasPrefix && !isManagementRoom)
        {
            return false;
        }

        if (hasPrefix)
        {
            body = body[prefix.Length..].Trim();
        }
        else
        {
            // Where this user talks to the bot: notices about their logins go here later.
            await _notices.RememberManagementRoomAsync(evt.Sender, evt.RoomId, ct).ConfigureAwait(false);
        }

        var user = new BridgeUser(evt.Sender, _env.PermissionOf(evt.Sender));
        async Task Reply(string text, string? html, CancellationToken token) =>
            await _env.Intents.Bot.SendMessageAsync(evt.RoomId, MessageContent.Notice(text, html), null, token).ConfigureAwait(false);

        if (!hasPrefix && _logins.TryGetValue(evt.Sender, out var pending) && pending.Room == evt.RoomId)
        {
            await ContinueLoginAsync(evt, pending, body, Reply, ct).ConfigureAwait(false);
            return true;
        }

        var (name, args, raw) = Split(body);
        if (name.Length == 0)
        {
            return true;
        }

        if (!_commands.TryGetValue(name, out var command))
        {
            await Reply($"Unknown command '{name}'. Type `{(portal is null ? string.Empty : prefix + " ")}help` for the list.", null, ct).ConfigureAwait(false);
            return true;
        }

        if (user.Permission < command.Permission)
        {
            await Reply($"You don't have permission to use '{command.Name}' (it needs {command.Permission.ToString().ToLowerInvariant()}).", null, ct).ConfigureAwait(false);
            return true;
        }

        if (command.RequiresPortal && portal is null)
        {
            await Reply($"'{command.Name}' only works in a portal room.", null, ct).ConfigureAwait(false);
            return true;
        }

        var login = (await _env.Stores.Logins.ListForUserAsync(evt.Sender, ct).ConfigureAwait(false)).FirstOrDefault();
        if (command.RequiresLogin && login is null)
        {
            await Reply($"'{command.Name}' needs you to be logged in. Use `login` first.", null, ct).ConfigureAwait(false);
            return true;
        }

        var context = new CommandContext(user, evt.RoomId, name, args, raw, portal?.Key, login, Reply);
        try
        {
            await command.Handler(context, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.CommandFailed(_env.LoggerFactory.CreateLogger<CommandProcessor>(), e, command.Name, evt.Sender.Value);
            await Reply($"'{command.Name}' failed: {e.Message}", null, ct).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>The generated help text, grouped by section, listing only what the user may run.</summary>
    internal string Help(PermissionLevel permission)
    {
        var sb = new StringBuilder();
        foreach (var section in _commands.Values.Distinct().Where(c => c.Permission <= permission).GroupBy(c => c.Section).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            sb.Append("## ").Append(section.Key).Append('\n');
            foreach (var c in section.OrderBy(c => c.Name, StringComparer.Ordinal))
            {
                sb.Append("- ").Append(c.Name);
                if (c.Usage is not null)
                {
                    sb.Append(' ').Append(c.Usage);
                }

                sb.Append(": ").Append(c.Help).Append('\n');
            }
        }

        return sb.ToString().TrimEnd();
    }

    private static (string Name, IReadOnlyList<string> Args, string Raw) Split(string body)
    {
        var space = body.IndexOf(' ', StringComparison.Ordinal);
        var name = space < 0 ? body : body[..space];
        var raw = space < 0 ? string.Empty : body[(space + 1)..].Trim();
        var args = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in raw)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ' ' && !quoted)
            {
                if (current.Length > 0)
                {
                    args.Add(current.ToString());
                    current.Clear();
                }
            }
            else
            {
                current.Append(c);
            }
        }

        if (current.Length > 0)
        {
            args.Add(current.ToString());
        }

        return (name, args, raw);
    }

    private sealed record PendingLogin(RoomId Room, ILoginProcess Process, LoginStep.UserInput Step, Dictionary<string, string> Collected);
}
