using Microsoft.Extensions.Logging;

namespace Bridges.Irc.Client;

/// <summary>
/// IRC client connection: TCP/TLS, CAP 302 negotiation, SASL PLAIN/EXTERNAL, registration with nick fallback,
/// keepalive, reconnect with backoff and rejoin, flood-controlled send queue, echo/labeled-response awaiting,
/// batches and channel state. Split over partial files by concern (Session, Registration, Dispatch, Send,
/// Requests). State is owned by the receive loop; the few collections public callers read are locked.
/// </summary>
internal sealed partial class IrcConnection : IIrcConnection
{
    private readonly IrcConnectionOptions _options;
    private readonly ILogger<IrcConnection> _logger;
    private readonly TimeProvider _timeProvider;
    private readonly Func<CancellationToken, ValueTask<Stream>> _connect;
    private readonly Lock _sync = new();
    private readonly IrcSendQueue _queue = new();
    private readonly IrcTokenBucket _bucket;
    private readonly IrcChannelTracker _channels;
    private readonly string _network;

    private CancellationTokenSource? _lifetimeCts;
    private Task? _runTask;
    private volatile bool _started;
    private volatile bool _stopRequested;
    private volatile bool _disposed;
    private bool _everRegistered;
    private string? _quitMessage;

    public IrcConnection(IrcConnectionOptions options, ILogger<IrcConnection> logger, TimeProvider timeProvider)
        : this(options, logger, timeProvider, null)
    {
    }

    /// <summary>Test seam: <paramref name="connect"/> replaces the TCP/TLS transport.</summary>
    internal IrcConnection(
        IrcConnectionOptions options,
        ILogger<IrcConnection> logger,
        TimeProvider timeProvider,
        Func<CancellationToken, ValueTask<Stream>>? connect)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        _options = options;
        _logger = logger;
        _timeProvider = timeProvider;
        _connect = connect ?? (ct => IrcTransport.ConnectAsync(options, ct));
        _bucket = new IrcTokenBucket(options.FloodBurst, options.FloodInterval, timeProvider);
        _channels = new IrcChannelTracker(options.TrackChannelMembers, timeProvider);
        _network = options.NetworkName ?? options.Host;
        _nick = options.Nick;
    }

    public event EventHandler<IrcConnectedEventArgs>? Connected;

    public event EventHandler<IrcDisconnectedEventArgs>? Disconnected;

    public event EventHandler<IrcMessageEventArgs>? MessageReceived;

    public event EventHandler<IrcChatMessageEventArgs>? ChatMessageReceived;

    public event EventHandler<IrcBatchEventArgs>? BatchReceived;

    public string Nick => Volatile.Read(ref _nick);

    public bool IsConnected => _session is { IsRegistered: true, Ended: false } s && !s.Token.IsCancellationRequested;

    public string? Account => Volatile.Read(ref _account);

    public IrcISupport ISupport => _channels.ISupport;

    /// <summary>Caps of the current session (of the previous one while reconnecting).</summary>
    public IReadOnlyCollection<string> EnabledCapabilities
    {
        get { lock (_sync) { return _enabledCaps is null ? [] : [.. _enabledCaps]; } }
    }

    public IReadOnlyDictionary<string, string?> OfferedCapabilities
    {
        get { lock (_sync) { return _offeredCaps is null ? new Dictionary<string, string?>() : new Dictionary<string, string?>(_offeredCaps); } }
    }

    public IReadOnlyList<IrcChannelState> Channels => _channels.Channels;

    /// <summary>Lines waiting in the send queue (flood control backlog).</summary>
    public int QueuedLines => _queue.Count;

    public bool IsCapabilityEnabled(string capability)
    {
        lock (_sync)
        {
            return _enabledCaps?.Contains(capability) == true;
        }
    }

    public IrcChannelState? GetChannel(string channel) => _channels.Get(channel);

    public async Task ConnectAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_sync)
        {
            if (_started)
            {
                throw new InvalidOperationException("ConnectAsync was already called; create a new connection to start over.");
            }

            _started = true;
            _lifetimeCts = new CancellationTokenSource();
        }

        var firstRegistration = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lifetime = _lifetimeCts.Token;
        _runTask = Task.Run(() => RunAsync(firstRegistration, lifetime), CancellationToken.None);
        using (ct.Register(static s => ((IrcConnection)s!).CancelFirstAttempt(), this))
        {
            await firstRegistration.Task.ConfigureAwait(false);
        }
    }

    public async Task DisconnectAsync(string? quitMessage, CancellationToken ct)
    {
        if (!_started || _runTask is null || _disposed)
        {
            return;
        }

        _stopRequested = true;
        _quitMessage = quitMessage ?? _options.QuitMessage;
        if (_session is { IsRegistered: true } s && !s.Token.IsCancellationRequested)
        {
            // Behind everything already queued, so nothing the caller sent is lost.
            var quit = CreateLine(new IrcMessage(IrcCommands.Quit, _quitMessage), sensitive: false);
            _queue.Enqueue(quit, priority: false);
            try
            {
                await quit.Written.Task.WaitAsync(ct).ConfigureAwait(false);

                // The server answers QUIT with ERROR and closes; do not wait forever for that.
                await _runTask.WaitAsync(_options.QuitTimeout, _timeProvider, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is TimeoutException or IrcConnectionException or OperationCanceledException)
            {
                // Fall through to a hard stop.
            }
        }

        await _lifetimeCts!.CancelAsync().ConfigureAwait(false);
        try
        {
            await _runTask.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The run loop ends by cancellation; that is the expected way.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        if (_started && !_stopRequested)
        {
            using var cts = new CancellationTokenSource(_options.QuitTimeout, _timeProvider);
            try
            {
                await DisconnectAsync(null, cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Best effort: a dead server must not block disposal.
            }
        }

        _disposed = true;
        if (_lifetimeCts is not null)
        {
            await _lifetimeCts.CancelAsync().ConfigureAwait(false);
        }

        if (_runTask is not null)
        {
            await _runTask.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
        }

        var disposed = new ObjectDisposedException(nameof(IrcConnection));
        _queue.Close(disposed);
        FailAllWaiters(disposed);
        _lifetimeCts?.Dispose();
    }

    private void CancelFirstAttempt()
    {
        if (!_everRegistered)
        {
            _lifetimeCts?.Cancel();
        }
    }

    private void Raise<T>(EventHandler<T>? handler, T args, string name)
        where T : EventArgs
    {
        if (handler is null)
        {
            return;
        }

        try
        {
            handler(this, args);
        }
        catch (Exception ex)
        {
            _logger.HandlerFailed(_network, Nick, name, ex);
        }
    }
}
