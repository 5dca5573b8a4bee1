using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Bridges.Core.Security;
using Microsoft.Extensions.Logging;

namespace Bridges.Discord.Gateway;

/// <summary>
/// Our own Gateway client (API v10, JSON, no compression), following the Gateway docs' connection lifecycle: HELLO,
/// then IDENTIFY (or RESUME with the last sequence), heartbeats every interval with a random first delay, and a
/// connection whose heartbeat went unacknowledged treated as a zombie and replaced. RECONNECT and resumable closes
/// resume; INVALID_SESSION false and session-ending closes identify afresh; fatal close codes stop the client.
/// Dispatches go to the listener through a queue of their own, so a slow listener never delays a heartbeat.
/// </summary>
internal sealed partial class DiscordGatewayClient(Secret token, GatewayIntents intents, GatewaySettings settings, TimeProvider time, ILogger logger, IGatewayListener listener)
    : IDiscordGateway
{
    private readonly Channel<(string Type, JsonElement Data)> _dispatches = Channel.CreateUnbounded<(string, JsonElement)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private Uri? _gatewayUrl;
    private Uri? _resumeUrl;
    private Task? _run;
    private Task? _pump;
    private ClientWebSocket? _socket;

    public string? SessionId { get; private set; }

    public int? Sequence { get; private set; }

    public Task Completion => _completion.Task;

    /// <summary>Connections opened so far (for tests and logs).</summary>
    public int Connections { get; private set; }

    public async Task ConnectAsync(Uri gatewayUrl, CancellationToken ct)
    {
        _gatewayUrl = gatewayUrl;
        _pump = Task.Run(() => PumpAsync(_stop.Token), CancellationToken.None);
        _run = Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);
        await _ready.Task.WaitAsync(ct).ConfigureAwait(false);
    }

    public async Task DisconnectAsync(CancellationToken ct)
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        if (_socket is { State: WebSocketState.Open } socket)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                // Already going away.
            }
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        _dispatches.Writer.TryComplete();
        foreach (var task in new[] { _run, _pump })
        {
            if (task is not null)
            {
                await task.WaitAsync(ct).ConfigureAwait(false);
            }
        }

        _completion.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        await DisconnectAsync(CancellationToken.None).ConfigureAwait(false);
        _stop.Dispose();
        _sendLock.Dispose();
    }

    private async Task RunAsync(CancellationToken ct)
    {
        var failures = 0;
        while (!ct.IsCancellationRequested)
        {
            var outcome = ConnectionOutcome.Dropped;
            try
            {
                using var socket = new ClientWebSocket();
                _socket = socket;
                Connections++;
                var url = new Uri((_resumeUrl ?? _gatewayUrl!).ToString().TrimEnd('/') + "?v=10&encoding=json");
                await socket.ConnectAsync(url, ct).ConfigureAwait(false);
                outcome = await RunConnectionAsync(socket, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                // A dropped or aborted (zombied) socket, or a payload we could not read: reconnect, resuming if we can.
                Log.GatewayDropped(logger, e);
            }

            if (ct.IsCancellationRequested)
            {
                break;
            }

            if (outcome.FatalCode is { } fatal)
            {
                var error = new GatewayFatalException(fatal);
                Log.GatewayFatal(logger, fatal, GatewayCloseCodes.Explain(fatal));
                _ready.TrySetException(error);
                _completion.TrySetException(error);
                return;
            }

            if (outcome.EndsSession)
            {
                SessionId = null;
                Sequence = null;
                _resumeUrl = null;
            }

            failures = outcome.WasReady ? 0 : failures + 1;
            var delay = outcome.Delay ?? Backoff(failures);
            Log.GatewayReconnecting(logger, delay, SessionId is not null);
            try
            {
                await Task.Delay(delay, time, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>No wait after a clean hand-over (RECONNECT, first failure), then doubling with jitter up to the maximum.</summary>
    private TimeSpan Backoff(int failures)
    {
        if (failures == 0)
        {
            return TimeSpan.Zero;
        }

        var ceiling = Math.Min(settings.MaxReconnectDelay.TotalMilliseconds, settings.ReconnectDelay.TotalMilliseconds * Math.Pow(2, failures - 1));
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + (Random.Shared.NextDouble() / 2)));
    }

    private async Task PumpAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var (type, data) in _dispatches.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                try
                {
                    await listener.OnDispatchAsync(type, data, ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Log.DispatchFailed(logger, e, type);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task SendAsync(ClientWebSocket socket, JsonObject payload, CancellationToken ct)
    {
        var bytes = Encoding.UTF8.GetBytes(payload.ToJsonString());
        await _sendLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await socket.SendAsync(bytes, WebSocketMessageType.Text, true, ct).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }
}
