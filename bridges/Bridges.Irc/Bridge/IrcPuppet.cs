using Bridges.Core.Content;
using Bridges.Core.Network;
using Bridges.Irc.Client;

namespace Bridges.Irc.Bridge;

/// <summary>
/// One Matrix user's connection to one network: connects on demand (or at start when recently active), rejoins its
/// channels, disconnects after <see cref="IrcNetworkOptions.PuppetIdleTimeout"/> without activity, and turns private
/// messages to it into that user's DM portals. Channel traffic is read by the relay bot, not here.
/// </summary>
internal sealed class IrcPuppet : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PersistEvery = TimeSpan.FromMinutes(1);
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _stateGate = new(1, 1);
    private IrcUserState _state;
    private IrcLink? _link;
    private ITimer? _idleTimer;
    private string? _registeredNick;
    private long _lastActivity;
    private DateTimeOffset _persistedActive;
    private bool _saslFailureTold;

    public IrcPuppet(IrcNetworkContext network, IrcPuppetClient owner, IrcUserState state)
    {
        Network = network;
        Owner = owner;
        _state = state;
        _persistedActive = DateTimeOffset.FromUnixTimeMilliseconds(state.LastActive);
    }

    public IrcNetworkContext Network { get; }

    public IrcPuppetClient Owner { get; }

    public IrcUserState State => _state;

    public IrcConnection? Connection => _link is { IsStopped: false } link ? link.Connection : null;

    public bool IsConnected => Connection?.IsConnected == true;

    /// <summary>The nick on IRC while connected, else the one it will ask for.</summary>
    public string Nick => Connection?.Nick ?? DesiredNick;

    public string DesiredNick => _state.Nick ?? IrcPuppetNames.Nick(Network.Options, Owner.User);

    /// <summary>Starts connecting unless connected or connecting.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_link is { IsStopped: false })
            {
                return;
            }

            _link = new IrcLink(ConnectionOptions, Wire, RegisteredAsync, Network.Connector.Loggers, Network.Host.Time, Network.Options.ReconnectMaxDelay);
            Rename(DesiredNick);
            _lastActivity = Network.Host.Time.GetTimestamp();
            var idle = Network.Options.PuppetIdleTimeout;
            if (idle > TimeSpan.Zero && _idleTimer is null)
            {
                var period = TimeSpan.FromTicks(Math.Clamp(idle.Ticks / 4, TimeSpan.TicksPerMillisecond * 100, TimeSpan.TicksPerMinute));
                _idleTimer = Network.Host.Time.CreateTimer(_ => IdleTick(), null, period, period);
            }

            _link.Start();
        }
    }

    /// <summary>The connection for sending, connecting first when needed; counts as activity.</summary>
    public async Task<IrcConnection> ConnectionAsync(CancellationToken ct)
    {
        Start();
        IrcLink link;
        lock (_gate)
        {
            link = _link!;
        }

        await TouchAsync(ct).ConfigureAwait(false);
        return await link.GetAsync(ReadyTimeout, ct).ConfigureAwait(false);
    }

    /// <summary>Joins a channel (unless in it, or about to rejoin it after a reconnect) and remembers it.</summary>
    public async Task<IrcConnection> EnsureJoinedAsync(string channel, CancellationToken ct)
    {
        var connection = await ConnectionAsync(ct).ConfigureAwait(false);
        var folded = Network.Fold(channel);
        var wanted = _state.Channels.Contains(folded);
        if (connection.GetChannel(channel) is null && (connection.IsConnected || !wanted))
        {
            await IrcSend.GuardAsync(() => connection.JoinAsync(channel, null, ct)).ConfigureAwait(false);
        }

        if (!wanted)
        {
            await UpdateAsync(s => s.Channels.Contains(folded) ? s : s with { Channels = [.. s.Channels, folded] }, ct).ConfigureAwait(false);
        }

        return connection;
    }

    /// <summary>
    /// A Matrix join: joins at once when a registered connection exists; otherwise remembers the channel and connects
    /// in the background (the channel is joined on registration), so a user's first join does not hold the room's
    /// queue for the whole IRC registration. Sending still waits for the join (<see cref="EnsureJoinedAsync"/>).
    /// </summary>
    public async Task JoinSoonAsync(string channel, CancellationToken ct)
    {
        if (Connection is null)
        {
            var folded = Network.Fold(channel);
            await UpdateAsync(s => s.Channels.Contains(folded) ? s : s with { Channels = [.. s.Channels, folded] }, ct).ConfigureAwait(false);
            // A join is activity: it keeps the puppet connected across a restart like speaking does.
            await TouchAsync(ct).ConfigureAwait(false);
            Start();
            // Still no registered connection: its registration has not read the channel list yet and will join it.
            if (Connection is null)
            {
                return;
            }
        }

        await EnsureJoinedAsync(channel, ct).ConfigureAwait(false);
    }

    public async Task PartAsync(string channel, string? reason, CancellationToken ct)
    {
        var folded = Network.Fold(channel);
        await UpdateAsync(s => s with { Channels = [.. s.Channels.Where(c => c != folded)] }, ct).ConfigureAwait(false);
        if (Connection is { } connection && connection.GetChannel(channel) is not null)
        {
            await IrcSend.GuardAsync(() => connection.PartAsync(channel, reason, ct)).ConfigureAwait(false);
        }
    }

    /// <summary>Changes the nick now (when connected) and for every later connection.</summary>
    public async Task SetNickAsync(string nick, CancellationToken ct)
    {
        if (Connection is { IsConnected: true } connection)
        {
            await IrcSend.GuardAsync(() => connection.ChangeNickAsync(nick, ct)).ConfigureAwait(false);
        }

        await UpdateAsync(s => s with { Nick = nick }, ct).ConfigureAwait(false);
    }

    /// <summary>Stores an encrypted password; the next connection logs in with it.</summary>
    public Task SetPasswordAsync(string? encrypted, CancellationToken ct) => UpdateAsync(s => s with { Password = encrypted }, ct);

    /// <summary>Activity: pushes the idle disconnect back and, now and then, records it for the start order.</summary>
    public async Task TouchAsync(CancellationToken ct)
    {
        _lastActivity = Network.Host.Time.GetTimestamp();
        var now = Network.Host.Time.GetUtcNow();
        if (now - _persistedActive >= PersistEvery)
        {
            _persistedActive = now;
            await UpdateAsync(s => s with { LastActive = now.ToUnixTimeMilliseconds() }, ct).ConfigureAwait(false);
        }
    }

    /// <summary>QUITs and stops; <see cref="Start"/> connects again.</summary>
    public async Task StopAsync(string reason, CancellationToken ct)
    {
        IrcLink? link;
        lock (_gate)
        {
            link = _link;
            _idleTimer?.Dispose();
            _idleTimer = null;
        }

        if (link is not null)
        {
            await link.StopAsync(reason, ct).ConfigureAwait(false);
        }

        lock (_gate)
        {
            if (_registeredNick is not null && ReferenceEquals(link, _link))
            {
                Network.UnregisterNick(this, _registeredNick);
                _registeredNick = null;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await StopAsync("Bridge stopping", timeout.Token).ConfigureAwait(false);
        if (_link is { } link)
        {
            await link.DisposeAsync().ConfigureAwait(false);
        }

        _stateGate.Dispose();
    }

    private IrcConnectionOptions ConnectionOptions()
    {
        var user = Owner.User;
        var password = Network.Connector.Users.Decrypt(user, Network.Id, _state.Password);
        return Network.ConnectionOptions(DesiredNick, IrcPuppetNames.UserName(Network.Options, user), IrcPuppetNames.RealName(Network.Options, user),
            password is null ? null : new IrcSecret(password.Reveal()), trackMembers: false);
    }

    private async Task RegisteredAsync(IrcConnection connection)
    {
        Rename(connection.Nick);
        foreach (var channel in _state.Channels)
        {
            try
            {
                await connection.JoinAsync(channel, null, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IrcCommandException or IrcConnectionException or TimeoutException)
            {
                Log.JoinFailed(Network.Logger, Network.Id, channel, e.Message);
            }
        }
    }

    /// <summary>
    /// A stored password that did not log the puppet in by SASL: without <c>nickserv_fallback</c> nothing else is
    /// tried, so the user hears of it (once until a login works again) rather than silently using IRC unidentified.
    /// </summary>
    private async Task TellIfNotLoggedInAsync(IrcConnection connection)
    {
        if (connection.Account is not null || _state.Password is null)
        {
            _saslFailureTold = false;
            return;
        }

        if (Network.Options.NickServFallback || _saslFailureTold || Network.Host is not IUserNotices notices)
        {
            return;
        }

        _saslFailureTold = true;
        Log.PuppetNotLoggedIn(Network.Logger, Network.Id, connection.Nick);
        try
        {
            await notices.NotifyAsync(Owner.User, $"Your puppet {connection.Nick} on {Network.DisplayName} could not log in with your stored password (SASL was refused or "
                + "is not offered), so it is connected without being identified. The bridge does not send the password to NickServ in plain text instead. "
                + "Check it and store it again with `login storepass`.", CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.NoticeFailed(Network.Logger, e, Network.Id, Owner.User.Value);
        }
    }

    private void Rename(string nick)
    {
        lock (_gate)
        {
            Network.RegisterNick(this, _registeredNick, nick);
            _registeredNick = nick;
        }
    }

    private async Task UpdateAsync(Func<IrcUserState, IrcUserState> change, CancellationToken ct)
    {
        await _stateGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            _state = change(_state);
            await Network.Connector.Users.SetAsync(Owner.User, Network.Id, _state, ct).ConfigureAwait(false);
        }
        finally
        {
            _stateGate.Release();
        }
    }

    private void IdleTick()
    {
        if (IsConnected && Network.Host.Time.GetElapsedTime(_lastActivity) >= Network.Options.PuppetIdleTimeout)
        {
            Log.PuppetIdle(Network.Logger, Network.Id, Nick);
            _ = Task.Run(() => StopAsync("Idle", CancellationToken.None));
        }
    }

    private void Wire(IrcConnection connection, bool attach)
    {
        if (attach)
        {
            connection.MessageReceived += OnMessage;
            connection.ChatMessageReceived += OnChat;
            connection.Connected += OnConnected;
        }
        else
        {
            connection.MessageReceived -= OnMessage;
            connection.ChatMessageReceived -= OnChat;
            connection.Connected -= OnConnected;
        }
    }

    /// <summary>Every registration, reconnects of the same connection included: SASL ran (or failed) just before.</summary>
    private void OnConnected(object? sender, IrcConnectedEventArgs e)
    {
        if (sender is IrcConnection connection)
        {
            _ = Task.Run(() => TellIfNotLoggedInAsync(connection));
        }
    }

    private void OnMessage(object? sender, IrcMessageEventArgs e)
    {
        var message = e.Message;
        if (message.Command == IrcCommands.RplWelcome && message.Param(0) is { } welcomed)
        {
            Rename(welcomed);
        }
        else if (message.Command == IrcCommands.Nick && message.Param(0) is { } renamed && sender is IrcConnection c && c.ISupport.CaseMapping.Equals(c.Nick, renamed))
        {
            Rename(renamed);
        }
        else if (message.Command == IrcCommands.Redact && sender is IrcConnection r && r.ISupport.CaseMapping.Equals(message.Param(0), r.Nick)
                 && message.Source is { } source && IrcSource.Parse(source) is { IsServer: false } from && !Network.IsOwnNick(from.Nick))
        {
            // A private message taken back (draft/message-redaction); channel REDACTs reach Matrix through the relay.
            var portal = IrcIds.Private(Network.Id, Network.Fold(from.Nick), Owner.Login.Id);
            if (IrcInbound.Redaction(portal, new EventSender(Network.UserId(from.Nick), Login: Owner.Login.Id), message, message.ServerTime ?? Network.Host.Time.GetUtcNow()) is { } redaction)
            {
                Network.Push(redaction);
            }
        }
        else if (message.Command == IrcCommands.Kick && message.Param(0) is { } channel && sender is IrcConnection k && k.ISupport.CaseMapping.Equals(message.Param(1), k.Nick))
        {
            // Kicked on IRC: not rejoined after the next reconnect either.
            var folded = Network.Fold(channel);
            _ = Task.Run(() => UpdateAsync(s => s with { Channels = [.. s.Channels.Where(x => x != folded)] }, CancellationToken.None));
        }
    }

    private void OnChat(object? sender, IrcChatMessageEventArgs e)
    {
        var m = e.Message;
        if (m.IsChannel || m.IsEcho || m.Source.IsServer || m.Kind is IrcChatMessageKind.CtcpRequest or IrcChatMessageKind.CtcpReply)
        {
            return;
        }

        if (m.Kind == IrcChatMessageKind.Notice && m.Source.Nick.EndsWith("Serv", StringComparison.OrdinalIgnoreCase))
        {
            // Services chatter (NickServ at every connect) would open a DM room per user; it goes to the log only.
            Log.ServiceNotice(Network.Logger, Network.Id, Nick, m.Source.Nick, m.Text);
            return;
        }

        Network.SeeNick(m.Source.Nick);
        var portal = IrcIds.Private(Network.Id, Network.Fold(m.Source.Nick), Owner.Login.Id);
        var from = new EventSender(Network.UserId(m.Source.Nick), Login: Owner.Login.Id);
        if (IrcInbound.FromTags(portal, from, m) is { } tagEvent)
        {
            Network.Push(tagEvent);
            return;
        }

        if (m.Kind != IrcChatMessageKind.TagMsg)
        {
            var kind = m.Kind switch { IrcChatMessageKind.Notice => MessageKind.Notice, IrcChatMessageKind.Action => MessageKind.Emote, _ => MessageKind.Text };
            Network.Push(IrcInbound.Message(Network, portal, from, m, IrcText.ToContent(m.Text, kind, _ => null), Network.Fold(m.Source.Nick)));
        }
    }
}
