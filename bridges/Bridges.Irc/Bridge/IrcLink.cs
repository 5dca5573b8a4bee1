using Bridges.Irc.Client;
using Microsoft.Extensions.Logging;

namespace Bridges.Irc.Bridge;

/// <summary>
/// Keeps one IRC identity connected. <see cref="IrcConnection"/> reconnects by itself once it registered; this adds
/// what it leaves to its owner: retrying a first connection that failed (server down at start) and starting over with
/// a fresh connection when one stops for good. Lines sent while a registered connection reconnects wait in its queue.
/// </summary>
internal sealed class IrcLink : IAsyncDisposable
{
    private readonly Func<IrcConnectionOptions> _options;
    private readonly Action<IrcConnection, bool> _wire;
    private readonly Func<IrcConnection, Task> _registered;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxDelay;
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource<IrcConnection> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _loop;

    /// <param name="options">Builds the options for each new connection (nick and password may have changed).</param>
    /// <param name="wire">Subscribes (true) or unsubscribes (false) the owner's event handlers.</param>
    /// <param name="registered">Runs after each new connection's first registration (joins its channels).</param>
    /// <param name="loggers">Loggers for the connections.</param>
    /// <param name="time">The clock.</param>
    /// <param name="maxDelay">Longest wait between attempts.</param>
    public IrcLink(Func<IrcConnectionOptions> options, Action<IrcConnection, bool> wire, Func<IrcConnection, Task> registered,
        ILoggerFactory loggers, TimeProvider time, TimeSpan maxDelay)
    {
        _options = options;
        _wire = wire;
        _registered = registered;
        _loggers = loggers;
        _logger = loggers.CreateLogger<IrcLink>();
        _time = time;
        _maxDelay = maxDelay;
    }

    /// <summary>The current connection once one registered (it may be reconnecting), else null.</summary>
    public IrcConnection? Connection => _ready.Task.IsCompletedSuccessfully ? _ready.Task.Result : null;

    public bool IsConnected => Connection?.IsConnected == true;

    public bool IsStopped => _stop.IsCancellationRequested;

    /// <summary>Starts connecting in the background (once).</summary>
    public void Start() => _loop ??= Task.Run(RunAsync);

    /// <summary>A connection that registered (sends to it queue while it reconnects); waits up to <paramref name="timeout"/>.</summary>
    public async Task<IrcConnection> GetAsync(TimeSpan timeout, CancellationToken ct)
    {
        Start();
        try
        {
            return await _ready.Task.WaitAsync(timeout, _time, ct).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw new Core.Network.RemoteTransientException("Not connected to the IRC server yet.", e) { RetryAfter = TimeSpan.FromSeconds(5) };
        }
    }

    /// <summary>QUITs (after what is queued) and stops reconnecting.</summary>
    public async Task StopAsync(string quitMessage, CancellationToken ct)
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        if (Connection is { } connection)
        {
            try
            {
                await connection.DisconnectAsync(quitMessage, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or IrcConnectionException or ObjectDisposedException)
            {
                // Best effort: stopping goes on.
            }
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await StopAsync("Bridge stopping", timeout.Token).ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        var failures = 0;
        while (!_stop.IsCancellationRequested)
        {
            var connection = new IrcConnection(_options(), _loggers.CreateLogger<IrcConnection>(), _time);
            var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            void OnDisconnected(object? sender, IrcDisconnectedEventArgs e)
            {
                if (!e.WillReconnect)
                {
                    ended.TrySetResult();
                }
            }

            connection.Disconnected += OnDisconnected;
            _wire(connection, true);
            try
            {
                await connection.ConnectAsync(_stop.Token).ConfigureAwait(false);
                failures = 0;
                _ready.TrySetResult(connection);
                await _registered(connection).ConfigureAwait(false);
                await ended.Task.WaitAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                // Stopping.
            }
            catch (Exception e)
            {
                // Connect failures of every kind end in another attempt; the log says why.
                failures++;
                Log.LinkFailed(_logger, connection.Nick, failures, e.Message);
            }
            finally
            {
                if (ReferenceEquals(Connection, connection) && !_stop.IsCancellationRequested)
                {
                    _ready = new TaskCompletionSource<IrcConnection>(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                connection.Disconnected -= OnDisconnected;
                _wire(connection, false);
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            var delay = TimeSpan.FromSeconds(Math.Min(_maxDelay.TotalSeconds, 2 * Math.Pow(2, Math.Min(failures, 16)))) * (0.75 + (Random.Shared.NextDouble() / 2));
            await Task.Delay(delay, _time, _stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
