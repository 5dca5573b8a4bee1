using System.Collections.Concurrent;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;
using Bridges.Irc.Client;
using Microsoft.Extensions.Logging;

namespace Bridges.Irc.Bridge;

/// <summary>
/// One configured IRC network at run time: its relay bot, which nicks are our puppets, how nicks are written, recent
/// lines (for reply quotes), the bound on events waiting for the core and the staggered start of puppet connections.
/// </summary>
internal sealed class IrcNetworkContext : IAsyncDisposable
{
    private const int RememberedLines = 2000;
    private readonly ConcurrentDictionary<string, IrcPuppet> _puppetsByNick = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _nicks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Nick, string Text)> _lines = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _lineOrder = new();
    private readonly Lock _roomGate = new();
    private TaskCompletionSource _room = CompletedRoom();
    private int _queued;
    private readonly PriorityQueue<Action, long> _connects = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _connector;
    private IrcISupport? _lastISupport;
    private IrcCaseMapping? _caseMapping;

    public IrcNetworkContext(string id, IrcNetworkOptions options, IrcConnector connector)
    {
        Id = id;
        Options = options;
        Connector = connector;
        DisplayName = options.DisplayName ?? id;
        Relay = new IrcRelayClient(this);
    }

    public string Id { get; }

    public string DisplayName { get; }

    public IrcNetworkOptions Options { get; }

    public IrcConnector Connector { get; }

    public IrcRelayClient Relay { get; }

    public INetworkHost Host => Connector.Host;

    public ILogger Logger => Connector.Logger;

    /// <summary>
    /// The relay's ISUPPORT; while it is disconnected (or re-registering) the last one the network advertised, so ids
    /// made during a reconnect are folded as before it.
    /// </summary>
    public IrcISupport ISupport => Relay.Connection?.ISupport is { Tokens.Count: > 0 } live ? live : _lastISupport ?? IrcISupport.Default;

    /// <summary>
    /// How this network folds nicks and channels: the live CASEMAPPING, else the last one it advertised (kept in the
    /// plugin store, so it holds across restarts too), else rfc1459. Every id goes through this.
    /// </summary>
    public IrcCaseMapping CaseMapping =>
        Relay.Connection?.ISupport is { } live && live.Tokens.ContainsKey("CASEMAPPING") ? live.CaseMapping : _caseMapping ?? ISupport.CaseMapping;

    public string Fold(string name) => CaseMapping.Normalize(name);

    public bool IsChannel(string name) => ISupport.IsChannel(name);

    /// <summary>Our own nicks on this network: the relay bot and every puppet.</summary>
    public bool IsOwnNick(string nick) => _puppetsByNick.ContainsKey(Fold(nick)) || Relay.Connection is { } relay && CaseMapping.Equals(relay.Nick, nick);

    /// <summary>Whether <c>dynamic_channels</c> lets an alias open <paramref name="foldedChannel"/>.</summary>
    public bool MayOpenDynamically(string foldedChannel)
    {
        var dynamic = Options.DynamicChannels;
        return dynamic.Enabled
            && (dynamic.Allow.Count == 0 || dynamic.Allow.Any(p => IrcGlob.IsMatch(Fold(p), foldedChannel)))
            && !dynamic.Exclude.Any(p => IrcGlob.IsMatch(Fold(p), foldedChannel));
    }

    /// <summary>Loads the CASEMAPPING remembered from an earlier run (before anything computes an id).</summary>
    public async Task LoadAsync(CancellationToken ct)
    {
        if (await Host.Store.GetAsync(CaseMappingKey, ct).ConfigureAwait(false) is { Length: > 0 } name)
        {
            _caseMapping = IrcCaseMapping.FromName(name);
        }
    }

    /// <summary>The relay got ISUPPORT: remember it (and persist a new CASEMAPPING) for when it is disconnected.</summary>
    public void LearnISupport(IrcISupport isupport)
    {
        _lastISupport = isupport;
        if (isupport.Tokens.ContainsKey("CASEMAPPING") && !ReferenceEquals(_caseMapping, isupport.CaseMapping))
        {
            _caseMapping = isupport.CaseMapping;
            _ = PersistCaseMappingAsync(isupport.CaseMapping.Name);
        }
    }

    public IrcPuppet? PuppetByNick(string nick) => _puppetsByNick.GetValueOrDefault(Fold(nick));

    public void RegisterNick(IrcPuppet puppet, string? oldNick, string newNick)
    {
        if (oldNick is not null)
        {
            _puppetsByNick.TryRemove(new KeyValuePair<string, IrcPuppet>(Fold(oldNick), puppet));
        }

        _puppetsByNick[Fold(newNick)] = puppet;
    }

    public void UnregisterNick(IrcPuppet puppet, string nick) => _puppetsByNick.TryRemove(new KeyValuePair<string, IrcPuppet>(Fold(nick), puppet));

    public RemoteUserId UserId(string nick) => IrcIds.User(Id, Fold(nick));

    /// <summary>Records how a nick is written, for display names and outgoing mentions.</summary>
    public void SeeNick(string nick) => _nicks[Fold(nick)] = nick;

    /// <summary>The nick of a remote user as last seen written (the folded id part when never seen).</summary>
    public string NickOf(RemoteUserId user) =>
        IrcIds.TrySplit(user.Value, out _, out var folded) ? _nicks.GetValueOrDefault(folded, folded) : user.Value;

    /// <summary>The Matrix power level of a member holding <paramref name="prefixes"/> (e.g. "@+").</summary>
    public int LevelOf(string prefixes)
    {
        var level = 0;
        foreach (var symbol in prefixes)
        {
            var i = ISupport.PrefixSymbols.IndexOf(symbol, StringComparison.Ordinal);
            if (i >= 0 && i < ISupport.PrefixModes.Length && Options.PowerLevels.TryGetValue(ISupport.PrefixModes[i].ToString(), out var l))
            {
                level = Math.Max(level, l);
            }
        }

        return level;
    }

    /// <summary>Keeps the sender and text of a line so a Matrix reply to it can quote it.</summary>
    public void Remember(RemoteMessageId id, string nick, string text)
    {
        if (_lines.TryAdd(id.Value, (nick, text)))
        {
            _lineOrder.Enqueue(id.Value);
            while (_lineOrder.Count > RememberedLines && _lineOrder.TryDequeue(out var old))
            {
                _lines.TryRemove(old, out _);
            }
        }
    }

    public (string Nick, string Text)? Recall(RemoteMessageId id) => _lines.TryGetValue(id.Value, out var line) ? line : null;

    /// <summary>
    /// Hands an event to the core, which queues it on its portal: events of one portal keep the order they were pushed
    /// in, and portals are bridged in parallel. Never blocks, so it is safe anywhere (a send path of the same portal
    /// included). The bound is kept by the IRC receive loops, which wait in <see cref="WaitForRoomAsync"/> before
    /// reading on while <see cref="IrcNetworkOptions.InboxCapacity"/> events are still waiting for room on their portal.
    /// </summary>
    public void Push(RemoteEvent evt)
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        Interlocked.Increment(ref _queued);
        ValueTask<PushReceipt> pending;
        try
        {
            pending = Host.Events.PushAsync(evt, _stop.Token);
        }
        catch (Exception e)
        {
            Log.PushFailed(Logger, e, Id, evt.GetType().Name, evt.Portal.ToString());
            Queued();
            return;
        }

        if (pending.IsCompletedSuccessfully)
        {
            Queued();
            return;
        }

        _ = WaitQueuedAsync(pending, evt);
    }

    private async Task WaitQueuedAsync(ValueTask<PushReceipt> pending, RemoteEvent evt)
    {
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !_stop.IsCancellationRequested)
        {
            Log.PushFailed(Logger, e, Id, evt.GetType().Name, evt.Portal.ToString());
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        finally
        {
            Queued();
        }
    }

    private void Queued()
    {
        if (Interlocked.Decrement(ref _queued) < Options.InboxCapacity)
        {
            lock (_roomGate)
            {
                _room.TrySetResult();
            }
        }
    }

    /// <summary>Events pushed to the core and still waiting for room on their portal's queue.</summary>
    public int QueuedEvents => Volatile.Read(ref _queued);

    /// <summary>Completes once fewer than <see cref="IrcNetworkOptions.InboxCapacity"/> events wait (the connections' inbound gate).</summary>
    public ValueTask WaitForRoomAsync(CancellationToken ct) =>
        Volatile.Read(ref _queued) < Options.InboxCapacity ? ValueTask.CompletedTask : new ValueTask(WaitForRoomSlowAsync(ct));

    /// <summary>Starts a puppet connection soon: the most recently active first, one per <see cref="IrcNetworkOptions.ConnectStagger"/>.</summary>
    public void ScheduleConnect(DateTimeOffset lastActive, Action start)
    {
        lock (_connects)
        {
            _connects.Enqueue(start, -lastActive.ToUnixTimeMilliseconds());
            _connector ??= Task.Run(ConnectLoopAsync);
        }
    }

    /// <summary>Options of a connection to this network.</summary>
    public IrcConnectionOptions ConnectionOptions(string nick, string? userName, string? realName, IrcSecret? saslPassword, bool trackMembers) => new()
    {
        Host = Options.Host,
        Port = Options.Port,
        UseTls = Options.Tls,
        NetworkName = Id,
        TlsValidation = Options.TlsVerify switch
        {
            "system" => IrcTlsValidation.System,
            "accept_any" => IrcTlsValidation.AcceptAny,
            _ => IrcTlsValidation.CustomCa,
        },
        TlsCaFile = Options.TlsVerify is "system" or "accept_any" ? null : Options.TlsVerify,
        ServerPassword = string.IsNullOrEmpty(Options.ServerPassword) ? null : new IrcSecret(Options.ServerPassword),
        Nick = nick,
        UserName = userName,
        RealName = realName,
        Sasl = saslPassword is null ? IrcSaslMechanism.None : IrcSaslMechanism.Plain,
        SaslPassword = saslPassword,
        // Plain-text IDENTIFY after a failed SASL is a downgrade the operator has to choose.
        NickServPassword = Options.NickServFallback ? saslPassword : null,
        SaslRequired = false,
        TrackChannelMembers = trackMembers,
        FloodBurst = Options.FloodBurst,
        FloodInterval = Options.FloodInterval,
        ReconnectMaxDelay = Options.ReconnectMaxDelay,
        QuitMessage = "Bridges",
        InboundGate = WaitForRoomAsync,
    };

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_connector is { } connector)
        {
            await connector.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await Relay.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private string CaseMappingKey => $"irc/network/{Id}/casemapping";

    private async Task PersistCaseMappingAsync(string name)
    {
        try
        {
            await Host.Store.SetAsync(CaseMappingKey, name, _stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !_stop.IsCancellationRequested)
        {
            Log.CaseMappingNotSaved(Logger, e, Id);
        }
    }

    private static TaskCompletionSource CompletedRoom()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        done.SetResult();
        return done;
    }

    private async Task WaitForRoomSlowAsync(CancellationToken ct)
    {
        while (true)
        {
            Task room;
            lock (_roomGate)
            {
                if (Volatile.Read(ref _queued) < Options.InboxCapacity)
                {
                    return;
                }

                if (_room.Task.IsCompleted)
                {
                    _room = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                room = _room.Task;
            }

            await room.WaitAsync(ct).ConfigureAwait(false);
        }
    }

    private async Task ConnectLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            // Waiting first lets every login of a restart queue up, so the order is truly most-recent-first.
            await Task.Delay(Options.ConnectStagger, Host.Time, _stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            Action? start;
            lock (_connects)
            {
                if (!_connects.TryDequeue(out start, out _) || _stop.IsCancellationRequested)
                {
                    _connector = null;
                    return;
                }
            }

            start();
        }
    }
}
