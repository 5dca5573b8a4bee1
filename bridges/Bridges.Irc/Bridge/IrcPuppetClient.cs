using System.Collections.Concurrent;
using Bridges.Core.Logins;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;
using Bridges.Irc.Client;
using Bridges.Matrix.Ids;

namespace Bridges.Irc.Bridge;

/// <summary>
/// A Matrix user's login: their puppet on every network in puppet mode, each connected on demand. Everything the
/// user does in a portal goes out through the puppet of the portal's network.
/// </summary>
internal sealed partial class IrcPuppetClient(IrcConnector connector, UserLogin login) : INetworkClient, IEditSender, IRedactionSender, IReactionSender,
    ITypingSender, IMembershipSender, IRoomMetaSender, IPowerLevelSender, IIdentifierResolver, IPortalScope
{
    private readonly ConcurrentDictionary<string, Lazy<Task<IrcPuppet>>> _puppets = new(StringComparer.Ordinal);

    public UserLogin Login => login;

    public UserId User => login.UserId;

    public bool IsDisposed { get; private set; }

    /// <summary>Schedules reconnection of the puppets that were active recently, most recent first (staggered per network).</summary>
    public async Task ConnectAsync(CancellationToken ct)
    {
        foreach (var network in connector.Networks.Values.Where(n => n.Options.Mode == IrcBridgeMode.Puppets))
        {
            var state = await connector.Users.GetAsync(User, network.Id, ct).ConfigureAwait(false);
            var last = DateTimeOffset.FromUnixTimeMilliseconds(state.LastActive);
            var idle = network.Options.PuppetIdleTimeout;
            if (state.LastActive > 0 && (idle <= TimeSpan.Zero || network.Host.Time.GetUtcNow() - last < idle))
            {
                var puppet = await PuppetAsync(network).ConfigureAwait(false);
                network.ScheduleConnect(last, puppet.Start);
            }
        }
    }

    public async Task DisconnectAsync(CancellationToken ct)
    {
        foreach (var puppet in await LoadedAsync().ConfigureAwait(false))
        {
            await puppet.StopAsync("Bridge stopping", ct).ConfigureAwait(false);
        }
    }

    public bool IsThisUser(RemoteUserId user) =>
        _puppets.Values.Any(p => p.IsValueCreated && p.Value.IsCompletedSuccessfully && p.Value.Result.Network.UserId(p.Value.Result.Nick) == user);

    /// <summary>This user's nick on <paramref name="network"/>, when they have a puppet there.</summary>
    public string? NickOn(IrcNetworkContext network) =>
        _puppets.TryGetValue(network.Id, out var p) && p.IsValueCreated && p.Value.IsCompletedSuccessfully ? p.Value.Result.Nick : null;

    public async Task<ChatInfo> GetChatInfoAsync(PortalKey portal, CancellationToken ct)
    {
        var (network, target) = Route(portal);
        if (network.IsChannel(target))
        {
            return await network.Relay.GetChatInfoAsync(portal, ct).ConfigureAwait(false);
        }

        var user = IrcIds.User(network.Id, target);
        return new ChatInfo { Name = network.NickOf(user), IsDirect = true, Members = [new ChatMember(user)] };
    }

    public Task<UserInfo> GetUserInfoAsync(RemoteUserId user, CancellationToken ct) =>
        connector.TryRoute(new PortalKey(new PortalId(user.Value)), out var network, out _)
            ? Task.FromResult(new UserInfo { DisplayName = network.NickOf(user) })
            : Task.FromResult(new UserInfo { DisplayName = user.Value });

    public async Task<SendResult> SendMessageAsync(OutgoingMessage message, CancellationToken ct)
    {
        var (network, target) = Route(message.Portal);
        var connection = await ConnectionAsync(network, target, ct).ConfigureAwait(false);
        return await IrcSend.MessageAsync(network, connection, network.IsChannel(target) ? target : network.NickOf(IrcIds.User(network.Id, target)), message.Content, null, ct).ConfigureAwait(false);
    }

    /// <summary>An edit goes out as the corrected text, marked with "* " as people do by hand on IRC.</summary>
    public async Task SendEditAsync(OutgoingEdit edit, CancellationToken ct)
    {
        var (network, target) = Route(edit.Portal);
        if (network.Options.Mode == IrcBridgeMode.Puppets)
        {
            var connection = await ConnectionAsync(network, target, ct).ConfigureAwait(false);
            await IrcSend.MessageAsync(network, connection, TargetName(network, target), edit.NewContent with { ReplyTo = null }, "* ", ct).ConfigureAwait(false);
        }
    }

    public async Task SendRedactionAsync(OutgoingRedaction redaction, CancellationToken ct)
    {
        var (network, target) = Route(redaction.Portal);
        var connection = await ConnectionAsync(network, target, ct).ConfigureAwait(false);
        if (!connection.IsCapabilityEnabled("draft/message-redaction") || !IrcIds.IsServerMsgId(redaction.TargetId))
        {
            throw new NotSupportedException($"{network.DisplayName} cannot delete messages (no draft/message-redaction).");
        }

        await IrcSend.GuardAsync(() => connection.RedactAsync(TargetName(network, target), redaction.TargetId.Value, null, ct)).ConfigureAwait(false);
    }

    /// <summary>A reaction is a TAGMSG with <c>+draft/react</c>; servers without message-tags get nothing.</summary>
    public async Task<RemoteReactionId?> SendReactionAsync(OutgoingReaction reaction, CancellationToken ct)
    {
        var (network, target) = Route(reaction.Portal);
        var connection = await ConnectionAsync(network, target, ct).ConfigureAwait(false);
        if (connection.IsCapabilityEnabled("message-tags") && IrcIds.IsServerMsgId(reaction.TargetId))
        {
            var tags = IrcInbound.ReplyTags(IrcTags.Empty.With("+draft/react", reaction.Key), reaction.TargetId);
            await IrcSend.GuardAsync(() => connection.SendTagMsgAsync(TargetName(network, target), tags, ct)).ConfigureAwait(false);
        }

        return null;
    }

    /// <summary>A reaction taken back is a TAGMSG with <c>+draft/unreact</c> (react.md); servers without message-tags get nothing.</summary>
    public async Task RemoveReactionAsync(OutgoingReactionRemoval removal, CancellationToken ct)
    {
        var (network, target) = Route(removal.Portal);
        var connection = await ConnectionAsync(network, target, ct).ConfigureAwait(false);
        if (connection.IsCapabilityEnabled("message-tags") && IrcIds.IsServerMsgId(removal.TargetId))
        {
            var tags = IrcInbound.ReplyTags(IrcTags.Empty.With("+draft/unreact", removal.Key), removal.TargetId);
            await IrcSend.GuardAsync(() => connection.SendTagMsgAsync(TargetName(network, target), tags, ct)).ConfigureAwait(false);
        }
    }

    /// <summary><c>[network] #channel</c> → the channel's portal, <c>[network] nick</c> → a private chat with them.</summary>
    public Task<PortalKey?> ResolveIdentifierAsync(string identifier, CancellationToken ct)
    {
        var (network, name) = connector.ParseTarget(identifier.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (network is null || name.Length == 0)
        {
            return Task.FromResult<PortalKey?>(null);
        }

        if (network.IsChannel(name))
        {
            return Task.FromResult<PortalKey?>(IrcIds.Channel(network.Id, network.Fold(name)));
        }

        network.SeeNick(name);
        return Task.FromResult<PortalKey?>(network.Options.Mode == IrcBridgeMode.Puppets ? IrcIds.Private(network.Id, network.Fold(name), login.Id) : null);
    }

    public async ValueTask DisposeAsync()
    {
        IsDisposed = true;
        connector.Forget(this);
        foreach (var puppet in await LoadedAsync().ConfigureAwait(false))
        {
            await puppet.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>This user's puppet on <paramref name="network"/> (made, not connected, on first use).</summary>
    public async Task<IrcPuppet> PuppetAsync(IrcNetworkContext network)
    {
        var lazy = _puppets.GetOrAdd(network.Id, _ => new Lazy<Task<IrcPuppet>>(async () =>
            new IrcPuppet(network, this, await connector.Users.GetAsync(User, network.Id, CancellationToken.None).ConfigureAwait(false))));
        try
        {
            return await lazy.Value.ConfigureAwait(false);
        }
        catch
        {
            _puppets.TryRemove(new KeyValuePair<string, Lazy<Task<IrcPuppet>>>(network.Id, lazy));
            throw;
        }
    }

    private async Task<IrcConnection> ConnectionAsync(IrcNetworkContext network, string target, CancellationToken ct)
    {
        if (network.Options.Mode != IrcBridgeMode.Puppets)
        {
            throw new RemotePermanentException($"{network.DisplayName} is bridged through its relay bot only.");
        }

        var puppet = await PuppetAsync(network).ConfigureAwait(false);
        return network.IsChannel(target) ? await puppet.EnsureJoinedAsync(target, ct).ConfigureAwait(false) : await puppet.ConnectionAsync(ct).ConfigureAwait(false);
    }

    private async Task<List<IrcPuppet>> LoadedAsync()
    {
        var puppets = new List<IrcPuppet>();
        foreach (var lazy in _puppets.Values.Where(l => l.IsValueCreated))
        {
            try
            {
                puppets.Add(await lazy.Value.ConfigureAwait(false));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A puppet that never loaded has nothing to stop.
            }
        }

        return puppets;
    }

    private (IrcNetworkContext Network, string Target) Route(PortalKey portal) =>
        connector.TryRoute(portal, out var network, out var target) ? (network, target) : throw new RemotePermanentException($"{portal} is not an IRC chat of this bridge.");

    private static string TargetName(IrcNetworkContext network, string target) => network.IsChannel(target) ? target : network.NickOf(IrcIds.User(network.Id, target));

    /// <summary>A network bridged through its relay only is not this login's to speak in: the core relays there.</summary>
    public bool Serves(PortalKey portal) => connector.TryRoute(portal, out var network, out _) && network.Options.Mode == IrcBridgeMode.Puppets;
}
