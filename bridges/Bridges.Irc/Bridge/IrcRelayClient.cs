using Bridges.Core.Logins;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;
using Bridges.Irc.Client;

namespace Bridges.Irc.Bridge;

/// <summary>
/// The relay bot of one network: it joins every bridged channel, reads it for the bridge (channel traffic reaches
/// Matrix only through it) and speaks for Matrix users who have no puppet.
/// </summary>
internal sealed partial class IrcRelayClient(IrcNetworkContext network) : INetworkClient, IIdentifierResolver, IChatCapabilities
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _channelsGate = new(1, 1);
    private IrcLink? _link;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _relayNicks = new(StringComparer.Ordinal);
    private List<string>? _channels;

    public UserLogin Login { get; } = new(IrcIds.RelayLogin(network.Id), Matrix.Ids.UserId.Create("ircbot", "invalid"), $"{network.DisplayName} relay");

    public IrcConnection? Connection => _link?.Connection;

    /// <summary>With <c>draft/relaymsg</c> the server shows each relayed Matrix user under a nick of their own: no template.</summary>
    public NetworkCapabilities CapabilitiesFor(PortalKey portal) => Connection is { } c && c.IsCapabilityEnabled("draft/relaymsg")
        ? network.Connector.Capabilities with { NativeRelayProfiles = true }
        : network.Connector.Capabilities;

    public Task ConnectAsync(CancellationToken ct)
    {
        _link ??= new IrcLink(
            () => network.ConnectionOptions(network.Options.RelayNick, "bridge", $"Matrix bridge ({network.DisplayName})",
                string.IsNullOrEmpty(network.Options.RelaySaslPassword) ? null : new IrcSecret(network.Options.RelaySaslPassword), trackMembers: true),
            Wire, RegisteredAsync, network.Connector.Loggers, network.Host.Time, network.Options.ReconnectMaxDelay);
        // In the background: a server that is down must not stop the bridge from starting.
        _link.Start();
        return Task.CompletedTask;
    }

    public async Task DisconnectAsync(CancellationToken ct)
    {
        if (_link is { } link)
        {
            await link.StopAsync("Bridge stopping", ct).ConfigureAwait(false);
        }
    }

    public bool IsThisUser(RemoteUserId user) => Connection is { } c && user == network.UserId(c.Nick);

    public async Task<ChatInfo> GetChatInfoAsync(PortalKey portal, CancellationToken ct)
    {
        if (!network.Connector.TryRoute(portal, out _, out var channel) || portal.Receiver is not null || !network.IsChannel(channel))
        {
            throw new RemotePermanentException($"{portal} is not a channel of {network.Id}.");
        }

        if (network.Fold(channel) != channel)
        {
            throw new RemotePermanentException($"'{channel}' is not written in its canonical (case-folded) form.");
        }

        var connection = await EnsureJoinedAsync(channel, ct).ConfigureAwait(false);
        return ChannelInfo(connection, channel);
    }

    public Task<UserInfo> GetUserInfoAsync(RemoteUserId user, CancellationToken ct) =>
        Task.FromResult(new UserInfo { DisplayName = network.NickOf(user) });

    public async Task<SendResult> SendMessageAsync(OutgoingMessage message, CancellationToken ct)
    {
        if (!network.Connector.TryRoute(message.Portal, out _, out var channel) || !network.IsChannel(channel))
        {
            throw new RemotePermanentException("The relay bot only speaks in channels.");
        }

        var connection = await EnsureJoinedAsync(channel, ct).ConfigureAwait(false);
        var content = message.Content;
        if (message.Relay is { Fallback: { } fallback })
        {
            // The core left the text bare for RELAYMSG; without the capability now (a reconnect lost it), or when the
            // server refuses it, the templated fallback goes out instead.
            content = fallback;
        }

        if (message.Relay is { Fallback: not null } relay && connection.IsCapabilityEnabled("draft/relaymsg"))
        {
            var bare = message.Content;
            // The server shows the Matrix user under a spoofed nick of its own.
            var nick = IrcNickGenerator.Sanitize(relay.DisplayName.Replace(" ", string.Empty, StringComparison.Ordinal)) + RelaySeparators(connection)[0] + "m";
            var text = IrcHtmlWriter.ToIrc(bare, network, null);
            RememberRelayNick(nick);
            try
            {
                var results = await IrcSend.GuardAsync(() => connection.SendRelayMsgAsync(channel, nick, text, ct)).ConfigureAwait(false);
                var first = results.FirstOrDefault();
                var time = first?.Time ?? network.Host.Time.GetUtcNow();
                var id = IrcIds.Message(first?.MsgId, network.Id, channel, time, network.Fold(nick), text);
                network.Remember(id, nick, text);
                return new SendResult(id, time);
            }
            catch (RemotePermanentException e) when (e.InnerException is IrcCommandException { Reply.Command: IrcCommands.Fail } refused)
            {
                // Refused (e.g. no permission to spoof, or a nick it will not take): say it the plain way, templated.
                Log.RelayMsgRefused(network.Logger, network.Id, channel, refused.Message);
            }
        }

        return await IrcSend.MessageAsync(network, connection, channel, content, null, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Whether a channel line is the server relaying back one of our own RELAYMSGs: it carries the
    /// <c>draft/relaymsg</c> tag naming the relay bot, or (servers that leave the tag out) comes from a spoofed nick
    /// (one with a relaymsg separator) that we sent as lately.
    /// </summary>
    public bool IsOwnRelayedLine(IrcConnection connection, IrcChatMessage m)
    {
        if (m.Tags["draft/relaymsg"] is { Length: > 0 } relayer)
        {
            return network.CaseMapping.Equals(relayer, connection.Nick);
        }

        return m.Source.Nick.AsSpan().IndexOfAny(RelaySeparators(connection)) >= 0 && _relayNicks.ContainsKey(network.Fold(m.Source.Nick));
    }

    private static string RelaySeparators(IrcConnection connection) =>
        connection.OfferedCapabilities.GetValueOrDefault("draft/relaymsg") is { Length: > 0 } seps ? seps : "/";

    private void RememberRelayNick(string nick)
    {
        _relayNicks[network.Fold(nick)] = 0;
        if (_relayNicks.Count > 256)
        {
            // Only a recent echo needs recognising; the oldest are not worth tracking, so start over.
            _relayNicks.Clear();
            _relayNicks[network.Fold(nick)] = 0;
        }
    }

    /// <summary><c>[network] #channel</c> → the channel's portal (the <c>bridge</c> command and provisioning).</summary>
    public Task<PortalKey?> ResolveIdentifierAsync(string identifier, CancellationToken ct)
    {
        var (target, name) = network.Connector.ParseTarget(identifier.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return Task.FromResult<PortalKey?>(target is not null && target.IsChannel(name) ? IrcIds.Channel(target.Id, target.Fold(name)) : null);
    }

    public async ValueTask DisposeAsync()
    {
        if (_link is { } link)
        {
            await link.DisposeAsync().ConfigureAwait(false);
        }

        _channelsGate.Dispose();
    }

    /// <summary>Joins <paramref name="channel"/> (once; remembered for later starts) and returns the connection.</summary>
    public async Task<IrcConnection> EnsureJoinedAsync(string channel, CancellationToken ct)
    {
        await ConnectAsync(ct).ConfigureAwait(false);
        var connection = await _link!.GetAsync(ReadyTimeout, ct).ConfigureAwait(false);
        if (connection.GetChannel(channel) is null)
        {
            await IrcSend.GuardAsync(() => connection.JoinAsync(channel, null, ct)).ConfigureAwait(false);
        }

        await RememberAsync(channel, add: true, ct).ConfigureAwait(false);
        return connection;
    }

    /// <summary>Whether the relay keeps <paramref name="foldedChannel"/> (a channel a portal already added).</summary>
    public async Task<bool> IsRememberedAsync(string foldedChannel, CancellationToken ct) =>
        (await LoadChannelsAsync(ct).ConfigureAwait(false)).Contains(foldedChannel);

    /// <summary>Leaves a channel and forgets it (admin <c>part</c>).</summary>
    public async Task PartAsync(string channel, CancellationToken ct)
    {
        if (Connection is { } connection && connection.GetChannel(channel) is not null)
        {
            await connection.PartAsync(channel, "Unbridged", ct).ConfigureAwait(false);
        }

        await RememberAsync(channel, add: false, ct).ConfigureAwait(false);
    }

    private ChatInfo ChannelInfo(IrcConnection connection, string channel)
    {
        var state = connection.GetChannel(channel);
        var members = new List<ChatMember>();
        foreach (var member in state?.Members ?? [])
        {
            network.SeeNick(member.Nick);
            if (!network.IsOwnNick(member.Nick))
            {
                members.Add(new ChatMember(network.UserId(member.Nick), network.LevelOf(member.Prefixes)));
            }
        }

        var name = network.Connector.Networks.Count > 1 ? $"{state?.Name ?? channel} ({network.DisplayName})" : state?.Name ?? channel;
        return new ChatInfo { Name = name, Topic = state?.Topic, Members = members };
    }

    private async Task RegisteredAsync(IrcConnection connection)
    {
        // Configured channels first, then those that portals added; a reconnect of the same connection rejoins by itself.
        var channels = network.Options.Channels.Concat(await LoadChannelsAsync(CancellationToken.None).ConfigureAwait(false))
            .Select(network.Fold).Distinct(StringComparer.Ordinal).ToList();
        foreach (var channel in channels)
        {
            try
            {
                await connection.JoinAsync(channel, null, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IrcCommandException or IrcConnectionException or TimeoutException)
            {
                Log.JoinFailed(network.Logger, network.Id, channel, e.Message);
            }
        }
    }

    private async Task<List<string>> LoadChannelsAsync(CancellationToken ct)
    {
        await _channelsGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return _channels ??= await network.Connector.Users.GetRelayChannelsAsync(network.Id, ct).ConfigureAwait(false);
        }
        finally
        {
            _channelsGate.Release();
        }
    }

    private async Task RememberAsync(string channel, bool add, CancellationToken ct)
    {
        var channels = await LoadChannelsAsync(ct).ConfigureAwait(false);
        var folded = network.Fold(channel);
        await _channelsGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (add == channels.Contains(folded))
            {
                return;
            }

            if (add)
            {
                channels.Add(folded);
            }
            else
            {
                channels.Remove(folded);
            }

            await network.Connector.Users.SetRelayChannelsAsync(network.Id, channels, ct).ConfigureAwait(false);
        }
        finally
        {
            _channelsGate.Release();
        }
    }
}
