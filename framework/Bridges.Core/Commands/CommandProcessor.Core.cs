using System.Reflection;
using Bridges.Core.Bridge;
using Bridges.Core.Logins;
using Bridges.Core.Permissions;
using Bridges.Matrix.Events;
using Microsoft.Extensions.Logging;

namespace Bridges.Core.Commands;

internal sealed partial class CommandProcessor
{
    private IEnumerable<BridgeCommand> CoreCommands()
    {
        yield return new BridgeCommand("help", "General", "Show this help.", PermissionLevel.Relay,
            (ctx, ct) => ctx.ReplyAsync(Help(ctx.User.Permission), ct));
        yield return new BridgeCommand("version", "General", "Show the bridge version.", PermissionLevel.Relay,
            (ctx, ct) => ctx.ReplyAsync($"Bridges {typeof(CommandProcessor).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev"}, network {_env.Network}", ct));
        yield return new BridgeCommand("ping", "Authentication", "Check whether you are logged in and connected.", PermissionLevel.User, PingAsync);
        yield return new BridgeCommand("login", "Authentication", "Log in to the network.", PermissionLevel.User, LoginAsync) { Usage = "[flow]" };
        yield return new BridgeCommand("cancel", "Authentication", "Cancel a login in progress.", PermissionLevel.User, CancelAsync);
        yield return new BridgeCommand("logout", "Authentication", "Log out and forget the login.", PermissionLevel.User, LogoutAsync) { Usage = "[login id]", RequiresLogin = true };
        yield return new BridgeCommand("list-logins", "Authentication", "List your logins.", PermissionLevel.User, ListLoginsAsync);
        yield return new BridgeCommand("set-relay", "Relay", "Relay messages of users without a login through your login in this room.",
            _env.Options.Relay.AdminOnly ? PermissionLevel.Admin : PermissionLevel.User, SetRelayAsync) { RequiresPortal = true, RequiresLogin = true };
        yield return new BridgeCommand("unset-relay", "Relay", "Stop relaying in this room.",
            _env.Options.Relay.AdminOnly ? PermissionLevel.Admin : PermissionLevel.User, UnsetRelayAsync) { RequiresPortal = true };
        yield return new BridgeCommand("double-puppet", "Authentication", "Turn double puppeting of your own account on or off.", PermissionLevel.User,
            async (ctx, ct) =>
            {
                var off = ctx.Args.Count > 0 && ctx.Args[0].Equals("off", StringComparison.OrdinalIgnoreCase);
                await _puppets.SetOptOutAsync(ctx.User.UserId, off, ct).ConfigureAwait(false);
                await ctx.ReplyAsync(off ? "Double puppeting is off: your messages from other clients appear from a ghost." : "Double puppeting is on.", ct).ConfigureAwait(false);
            }) { Usage = "on|off" };
        yield return new BridgeCommand("bridge", "Portals", "Bridge this room to a remote chat.", PermissionLevel.Admin, BridgeAsync) { Usage = "<chat>" };
        yield return new BridgeCommand("unbridge", "Portals", "Disconnect this room from its remote chat.", PermissionLevel.Admin, UnbridgeAsync) { RequiresPortal = true };
        yield return new BridgeCommand("sync", "Portals", "Fetch this chat's name, topic and members again.", PermissionLevel.Admin,
            async (ctx, ct) =>
            {
                await _sink.ResyncAsync(ctx.Portal!.Value, ct).ConfigureAwait(false);
                await ctx.ReplyAsync("Synced.", ct).ConfigureAwait(false);
            }) { RequiresPortal = true };
    }

    private async Task BridgeAsync(CommandContext ctx, CancellationToken ct)
    {
        if (ctx.Args.Count == 0)
        {
            await ctx.ReplyAsync("Usage: bridge <chat>", ct).ConfigureAwait(false);
            return;
        }

        var key = await _registry.ResolveIdentifierAsync(ctx.User.UserId, ctx.RawArgs, ct).ConfigureAwait(false);
        if (key is null)
        {
            await ctx.ReplyAsync($"No chat '{ctx.RawArgs}' was found.", ct).ConfigureAwait(false);
            return;
        }

        await _rooms.BridgeExistingAsync(ctx.Room, key.Value, ct).ConfigureAwait(false);
        await ctx.ReplyAsync($"This room is now bridged to {key.Value.Id.Value}.", ct).ConfigureAwait(false);
    }

    private async Task UnbridgeAsync(CommandContext ctx, CancellationToken ct)
    {
        await ctx.ReplyAsync("Unbridging this room.", ct).ConfigureAwait(false);
        await _rooms.UnbridgeAsync(ctx.Room, ct).ConfigureAwait(false);
    }

    private async Task PingAsync(CommandContext ctx, CancellationToken ct)
    {
        var logins = await _env.Stores.Logins.ListForUserAsync(ctx.User.UserId, ct).ConfigureAwait(false);
        if (logins.Count == 0)
        {
            await ctx.ReplyAsync("You are not logged in.", ct).ConfigureAwait(false);
            return;
        }

        var lines = logins.Select(l => $"{l.RemoteName} ({l.Id.Value}): {(_registry.ClientFor(l.Id) is null ? "not connected" : "connected")}");
        await ctx.ReplyAsync(string.Join('\n', lines), ct).ConfigureAwait(false);
    }

    private async Task LoginAsync(CommandContext ctx, CancellationToken ct)
    {
        var flows = _env.Connector.LoginFlows;
        if (flows.Count == 0)
        {
            await ctx.ReplyAsync("This network has no login; it is used through the relay.", ct).ConfigureAwait(false);
            return;
        }

        var flow = ctx.Args.Count > 0 ? flows.FirstOrDefault(f => f.Id.Equals(ctx.Args[0], StringComparison.OrdinalIgnoreCase)) : flows.Count == 1 ? flows[0] : null;
        if (flow is null)
        {
            await ctx.ReplyAsync("Choose a login flow: " + string.Join(", ", flows.Select(f => $"`login {f.Id}` ({f.Description})")), ct).ConfigureAwait(false);
            return;
        }

        var process = await _env.Connector.BeginLoginAsync(ctx.User, flow.Id, ct).ConfigureAwait(false);
        var step = await process.StartAsync(ct).ConfigureAwait(false);
        await ShowStepAsync(ctx.User.UserId, ctx.Room, process, step, (t, c) => ctx.ReplyAsync(t, c), ct).ConfigureAwait(false);
    }

    private async Task ContinueLoginAsync(MatrixEvent evt, PendingLogin pending, string body, Func<string, string?, CancellationToken, Task> reply, CancellationToken ct)
    {
        var field = pending.Step.Fields.First(f => !pending.Collected.ContainsKey(f.Id));
        pending.Collected[field.Id] = body;
        if (field.IsSecret)
        {
            // Secrets should not stay in the room's history.
            try
            {
                await _env.Intents.Bot.RedactAsync(evt.RoomId, evt.EventId, "Contained a secret", null, ct).ConfigureAwait(false);
            }
            catch (Matrix.Errors.MatrixException)
            {
                await reply("I could not redact your message; please delete it yourself.", null, ct).ConfigureAwait(false);
            }
        }

        if (pending.Step.Fields.FirstOrDefault(f => !pending.Collected.ContainsKey(f.Id)) is { } next)
        {
            await reply($"{next.Name}:", null, ct).ConfigureAwait(false);
            return;
        }

        _logins.TryRemove(evt.Sender, out _);
        LoginStep step;
        try
        {
            step = await pending.Process.SubmitAsync(pending.Collected, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A refused password or token must be answered, not swallowed; plugin messages never quote the secret.
            Log.CommandFailed(_env.LoggerFactory.CreateLogger<CommandProcessor>(), e, "login", evt.Sender.Value);
            await pending.Process.DisposeAsync().ConfigureAwait(false);
            await reply($"Login failed: {e.Message} Start again with `login`.", null, ct).ConfigureAwait(false);
            return;
        }

        await ShowStepAsync(evt.Sender, evt.RoomId, pending.Process, step, (t, c) => reply(t, null, c), ct).ConfigureAwait(false);
    }

    private async Task ShowStepAsync(Matrix.Ids.UserId user, Matrix.Ids.RoomId room, ILoginProcess process, LoginStep step, Func<string, CancellationToken, Task> reply, CancellationToken ct)
    {
        switch (step)
        {
            case LoginStep.UserInput input:
                _logins[user] = new PendingLogin(room, process, input, []);
                await reply($"{input.Instructions}\n{input.Fields[0].Name}:", ct).ConfigureAwait(false);
                break;
            case LoginStep.DisplayAndWait wait:
                await reply($"{wait.Instructions}\n{wait.Code}", ct).ConfigureAwait(false);
                var next = await process.SubmitAsync(new Dictionary<string, string>(), ct).ConfigureAwait(false);
                await ShowStepAsync(user, room, process, next, reply, ct).ConfigureAwait(false);
                break;
            case LoginStep.Complete complete:
                await _loginService.CompleteAsync(complete.Login, ct).ConfigureAwait(false);
                await process.DisposeAsync().ConfigureAwait(false);
                await reply($"Logged in as {complete.Login.RemoteName}. {complete.Instructions}", ct).ConfigureAwait(false);
                break;
        }
    }

    private async Task CancelAsync(CommandContext ctx, CancellationToken ct)
    {
        if (_logins.TryRemove(ctx.User.UserId, out var pending))
        {
            await pending.Process.CancelAsync(ct).ConfigureAwait(false);
            await pending.Process.DisposeAsync().ConfigureAwait(false);
            await ctx.ReplyAsync("Login cancelled.", ct).ConfigureAwait(false);
            return;
        }

        await ctx.ReplyAsync("No login in progress.", ct).ConfigureAwait(false);
    }

    private async Task LogoutAsync(CommandContext ctx, CancellationToken ct)
    {
        var logins = await _env.Stores.Logins.ListForUserAsync(ctx.User.UserId, ct).ConfigureAwait(false);
        var target = ctx.Args.Count > 0 ? logins.FirstOrDefault(l => l.Id.Value == ctx.Args[0]) : logins.FirstOrDefault();
        if (target is null)
        {
            await ctx.ReplyAsync("No such login.", ct).ConfigureAwait(false);
            return;
        }

        await _loginService.LogoutAsync(target, ct).ConfigureAwait(false);
        await ctx.ReplyAsync($"Logged out of {target.RemoteName}.", ct).ConfigureAwait(false);
    }

    private async Task ListLoginsAsync(CommandContext ctx, CancellationToken ct)
    {
        var logins = await _env.Stores.Logins.ListForUserAsync(ctx.User.UserId, ct).ConfigureAwait(false);
        await ctx.ReplyAsync(logins.Count == 0 ? "You have no logins." : string.Join('\n', logins.Select(l => $"- {l.RemoteName} ({l.Id.Value})")), ct).ConfigureAwait(false);
    }

    private async Task SetRelayAsync(CommandContext ctx, CancellationToken ct)
    {
        var record = await _env.Stores.Portals.GetAsync(ctx.Portal!.Value, ct).ConfigureAwait(false);
        await _portals.UpdateAsync(record! with { RelayLogin = ctx.Login!.Id }, ct).ConfigureAwait(false);
        await ctx.ReplyAsync($"Messages from users without a login are now relayed through {ctx.Login.RemoteName}.", ct).ConfigureAwait(false);
    }

    private async Task UnsetRelayAsync(CommandContext ctx, CancellationToken ct)
    {
        var record = await _env.Stores.Portals.GetAsync(ctx.Portal!.Value, ct).ConfigureAwait(false);
        await _portals.UpdateAsync(record! with { RelayLogin = null }, ct).ConfigureAwait(false);
        await ctx.ReplyAsync("Relaying is off in this room.", ct).ConfigureAwait(false);
    }
}
