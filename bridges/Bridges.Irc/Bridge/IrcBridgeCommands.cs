using System.Text;
using Bridges.Core.Commands;
using Bridges.Core.Network;
using Bridges.Core.Permissions;
using Bridges.Matrix.Ids;

namespace Bridges.Irc.Bridge;

/// <summary>
/// The IRC commands (management room, or in portals after the command prefix). A network may be named first; it can
/// be left out in a portal (the portal's network) or when only one network is configured.
/// </summary>
internal sealed class IrcBridgeCommands(IrcConnector connector)
{
    private const string Section = "IRC";

    public IEnumerable<BridgeCommand> All()
    {
        yield return new("networks", Section, "List the IRC networks and your connections.", PermissionLevel.User, NetworksAsync);
        yield return new("join", Section, "Join a channel: your puppet joins and a new portal room invites you.", PermissionLevel.User, JoinAsync)
        { Usage = "[network] <#channel>", RequiresLogin = true };
        yield return new("part", Section, "Leave a channel (in a portal: this one).", PermissionLevel.User, PartAsync) { Usage = "[network] [#channel]", RequiresLogin = true };
        yield return new("nick", Section, "Change your IRC nick.", PermissionLevel.User, NickAsync) { Usage = "[network] <nick>", RequiresLogin = true };
        yield return new("whois", Section, "Show who is behind a nick.", PermissionLevel.User, WhoisAsync) { Usage = "[network] <nick>" };
        yield return new("reconnect", Section, "Reconnect your puppet.", PermissionLevel.User, ReconnectAsync) { Usage = "[network]", RequiresLogin = true };
        yield return new("quit", Section, "Disconnect your puppet (it connects again when you next speak in a portal).", PermissionLevel.User, QuitAsync)
        { Usage = "[network] [message]", RequiresLogin = true };
        yield return new("storepass", Section, "Store your NickServ/SASL password (`login storepass` asks for it and deletes your message).", PermissionLevel.User, StorePassAsync)
        { Usage = "[network] <password>", RequiresLogin = true };
        yield return new("pm", Section, "Open a private chat with a nick.", PermissionLevel.User, PmAsync) { Usage = "[network] <nick>", RequiresLogin = true };
    }

    /// <summary>Encrypts and stores a password for the user's puppet on a network and reconnects the puppet with it.</summary>
    public static async Task StorePasswordAsync(IrcConnector connector, UserId user, IrcNetworkContext network, string password, CancellationToken ct)
    {
        var encrypted = connector.Users.Encrypt(user, network.Id, password);
        if (connector.PuppetClient(IrcIds.PuppetLogin(user)) is { } client)
        {
            await (await client.PuppetAsync(network).ConfigureAwait(false)).SetPasswordAsync(encrypted, ct).ConfigureAwait(false);
            return;
        }

        var state = await connector.Users.GetAsync(user, network.Id, ct).ConfigureAwait(false);
        await connector.Users.SetAsync(user, network.Id, state with { Password = encrypted }, ct).ConfigureAwait(false);
    }

    private async Task NetworksAsync(CommandContext ctx, CancellationToken ct)
    {
        var client = ctx.Login is { } login ? connector.PuppetClient(login.Id) : null;
        var sb = new StringBuilder();
        foreach (var network in connector.Networks.Values)
        {
            var relay = network.Relay.Connection is { IsConnected: true } r ? $"relay {r.Nick} connected" : "relay not connected";
            var puppet = client?.NickOn(network) is { } nick ? $", you: {nick}" : string.Empty;
            sb.Append($"- {network.Id} ({network.DisplayName}, {network.Options.Host}:{network.Options.Port}, {network.Options.Mode.ToString().ToLowerInvariant()}): {relay}{puppet}\n");
        }

        await ctx.ReplyAsync(sb.Length == 0 ? "No IRC networks are configured." : sb.ToString().TrimEnd(), ct).ConfigureAwait(false);
    }

    private async Task JoinAsync(CommandContext ctx, CancellationToken ct)
    {
        if (await PuppetTargetAsync(ctx, ct).ConfigureAwait(false) is not var (network, puppet, channel) || !network.IsChannel(channel))
        {
            await ctx.ReplyAsync("Usage: join [network] <#channel>", ct).ConfigureAwait(false);
            return;
        }

        await puppet.EnsureJoinedAsync(channel, ct).ConfigureAwait(false);
        await network.Relay.EnsureJoinedAsync(channel, ct).ConfigureAwait(false);
        // A chat info event creates the portal room when it is new and invites the login's owner to it.
        network.Push(new RemoteChatInfoChanged(IrcIds.Channel(network.Id, network.Fold(channel)), new EventSender(network.UserId(puppet.Nick), Login: ctx.Login!.Id),
            network.Host.Time.GetUtcNow(), await network.Relay.GetChatInfoAsync(IrcIds.Channel(network.Id, network.Fold(channel)), ct).ConfigureAwait(false)));
        await ctx.ReplyAsync($"Joined {channel} on {network.DisplayName}. A new portal room invites you; an existing one is #irc_{UserId.EscapeLocalpart(network.Id + "/" + network.Fold(channel))} on the bridge's server.", ct).ConfigureAwait(false);
    }

    private async Task PartAsync(CommandContext ctx, CancellationToken ct)
    {
        if (await PuppetTargetAsync(ctx, ct, portalTarget: true).ConfigureAwait(false) is not var (network, puppet, channel) || !network.IsChannel(channel))
        {
            await ctx.ReplyAsync("Usage: part [network] <#channel> (or `part` in a portal)", ct).ConfigureAwait(false);
            return;
        }

        await puppet.PartAsync(channel, "Leaving", ct).ConfigureAwait(false);
        await ctx.ReplyAsync($"Left {channel} on {network.DisplayName}.", ct).ConfigureAwait(false);
    }

    private async Task NickAsync(CommandContext ctx, CancellationToken ct)
    {
        if (await PuppetTargetAsync(ctx, ct).ConfigureAwait(false) is not var (network, puppet, nick) || nick.Length == 0 || network.IsChannel(nick)
            || nick.AsSpan().IndexOfAny(" ,:!@*?\r\n\0") >= 0)
        {
            await ctx.ReplyAsync("Usage: nick [network] <nick>", ct).ConfigureAwait(false);
            return;
        }

        await puppet.SetNickAsync(nick, ct).ConfigureAwait(false);
        await ctx.ReplyAsync($"Your nick on {network.DisplayName} is now {nick}.", ct).ConfigureAwait(false);
    }

    private async Task WhoisAsync(CommandContext ctx, CancellationToken ct)
    {
        var (network, nick) = Target(ctx);
        if (network is null || nick.Length == 0 || network.IsChannel(nick))
        {
            await ctx.ReplyAsync("Usage: whois [network] <nick>", ct).ConfigureAwait(false);
            return;
        }

        var connection = (ctx.Login is { } login && connector.PuppetClient(login.Id) is { } client ? (await client.PuppetAsync(network).ConfigureAwait(false)).Connection : null)
            ?? network.Relay.Connection;
        var whois = connection is { IsConnected: true } ? await IrcSend.GuardAsync(() => connection.WhoisAsync(nick, ct)).ConfigureAwait(false) : null;
        await ctx.ReplyAsync(whois is null ? $"{nick} is not on {network.DisplayName} (or the bridge is not connected)." : string.Join('\n', new[]
        {
            $"{whois.Nick}!{whois.User}@{whois.Host} ({whois.RealName})",
            whois.Account is { } account ? $"logged in as {account}" : "not logged in",
            whois.Channels.Count > 0 ? "on " + string.Join(' ', whois.Channels) : null,
            whois.Idle is { } idle ? $"idle {idle}" : null,
            whois.AwayMessage is { } away ? $"away: {away}" : null,
        }.OfType<string>()), ct).ConfigureAwait(false);
    }

    private async Task ReconnectAsync(CommandContext ctx, CancellationToken ct)
    {
        var (network, _) = Target(ctx, optionalName: true);
        if (network is null || connector.PuppetClient(ctx.Login!.Id) is not { } client)
        {
            await ctx.ReplyAsync("Usage: reconnect [network]", ct).ConfigureAwait(false);
            return;
        }

        var puppet = await client.PuppetAsync(network).ConfigureAwait(false);
        await puppet.StopAsync("Reconnecting", ct).ConfigureAwait(false);
        puppet.Start();
        await ctx.ReplyAsync($"Reconnecting to {network.DisplayName}.", ct).ConfigureAwait(false);
    }

    private async Task QuitAsync(CommandContext ctx, CancellationToken ct)
    {
        var (network, message) = Target(ctx);
        if (network is null || connector.PuppetClient(ctx.Login!.Id) is not { } client)
        {
            await ctx.ReplyAsync("Usage: quit [network] [message]", ct).ConfigureAwait(false);
            return;
        }

        var puppet = await client.PuppetAsync(network).ConfigureAwait(false);
        await puppet.StopAsync(message.Length > 0 ? message : "Disconnected from Matrix", ct).ConfigureAwait(false);
        await ctx.ReplyAsync($"Disconnected from {network.DisplayName}.", ct).ConfigureAwait(false);
    }

    private async Task StorePassAsync(CommandContext ctx, CancellationToken ct)
    {
        var (network, password) = Target(ctx);
        if (network is null || password.Length == 0)
        {
            await ctx.ReplyAsync("Usage: storepass [network] <password>", ct).ConfigureAwait(false);
            return;
        }

        if (!connector.Users.CanStorePasswords)
        {
            await ctx.ReplyAsync("Storing passwords is off on this bridge (no password_key is configured).", ct).ConfigureAwait(false);
            return;
        }

        await StorePasswordAsync(connector, ctx.User.UserId, network, password, ct).ConfigureAwait(false);
        if (connector.PuppetClient(ctx.Login!.Id) is { } client && await client.PuppetAsync(network).ConfigureAwait(false) is { Connection: not null } puppet)
        {
            await puppet.StopAsync("Reconnecting", ct).ConfigureAwait(false);
            puppet.Start();
        }

        await ctx.ReplyAsync($"Password stored (encrypted) for {network.DisplayName}; your puppet reconnects with it. Your message still shows it: "
            + "redact it now. Next time use `login storepass`, which deletes it for you.", ct).ConfigureAwait(false);
    }

    private async Task PmAsync(CommandContext ctx, CancellationToken ct)
    {
        if (await PuppetTargetAsync(ctx, ct).ConfigureAwait(false) is not var (network, puppet, nick) || nick.Length == 0 || network.IsChannel(nick))
        {
            await ctx.ReplyAsync("Usage: pm [network] <nick>", ct).ConfigureAwait(false);
            return;
        }

        // Connected, so their answers arrive; the chat info event creates the DM room and invites the user.
        await puppet.ConnectionAsync(ct).ConfigureAwait(false);
        network.SeeNick(nick);
        var key = IrcIds.Private(network.Id, network.Fold(nick), ctx.Login!.Id);
        var user = network.UserId(nick);
        network.Push(new RemoteChatInfoChanged(key, new EventSender(user, Login: ctx.Login.Id), network.Host.Time.GetUtcNow(),
            new ChatInfo { Name = nick, IsDirect = true, Members = [new ChatMember(user)] }));
        await ctx.ReplyAsync($"Opening a private chat with {nick} on {network.DisplayName}.", ct).ConfigureAwait(false);
    }

    /// <summary>The network and the remaining argument (the portal's channel when <paramref name="optionalName"/> and none is given).</summary>
    private (IrcNetworkContext? Network, string Name) Target(CommandContext ctx, bool optionalName = false)
    {
        var args = ctx.Args;
        if (args.Count > 0 && connector.Networks.TryGetValue(args[0], out var named))
        {
            return (named, args.Count > 1 ? string.Join(' ', args.Skip(1)) : PortalName(ctx, named));
        }

        var inPortal = ctx.Portal is { } portal && connector.TryRoute(portal, out var network, out _) ? network : null;
        var chosen = inPortal ?? (connector.Networks.Count == 1 ? connector.Networks.Values.First() : null);
        return (chosen, args.Count > 0 ? string.Join(' ', args) : optionalName && chosen is not null ? PortalName(ctx, chosen) : string.Empty);
    }

    private string PortalName(CommandContext ctx, IrcNetworkContext network) =>
        ctx.Portal is { } portal && connector.TryRoute(portal, out var n, out var name) && n == network ? name : string.Empty;

    private async Task<(IrcNetworkContext Network, IrcPuppet Puppet, string Name)?> PuppetTargetAsync(CommandContext ctx, CancellationToken ct, bool portalTarget = false)
    {
        var (network, name) = Target(ctx, portalTarget);
        if (network is null || network.Options.Mode != IrcBridgeMode.Puppets || ctx.Login is null || connector.PuppetClient(ctx.Login.Id) is not { } client)
        {
            return null;
        }

        ct.ThrowIfCancellationRequested();
        return (network, await client.PuppetAsync(network).ConfigureAwait(false), name);
    }
}
