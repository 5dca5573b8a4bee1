using System.IO.Pipelines;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Bridges.Irc.Client;

/// <summary>Session lifecycle: reconnect loop, one TCP session at a time, receive and send loops, keepalive.</summary>
internal sealed partial class IrcConnection
{
    private volatile Session? _session;
    private int _sessionCounter;
    private List<(string Name, string? Key)>? _rejoin;

    private async Task RunAsync(TaskCompletionSource firstRegistration, CancellationToken lifetime)
    {
        var failures = 0;
        var first = true;
        try
        {
            while (true)
            {
                SessionOutcome outcome;
                try
                {
                    outcome = await RunSessionAsync(first ? firstRegistration : null, lifetime).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    outcome = new SessionOutcome(false, IrcDisconnectReason.ConnectionLost, ex.Message, ex);
                }

                if (first && !outcome.Registered)
                {
                    if (lifetime.IsCancellationRequested && outcome.Reason != IrcDisconnectReason.AuthenticationFailed)
                    {
                        firstRegistration.TrySetCanceled(lifetime);
                    }
                    else
                    {
                        firstRegistration.TrySetException(ToException(outcome));
                    }

                    break;
                }

                first = false;
                failures = outcome.Registered ? 0 : failures + 1;
                var fatal = _stopRequested || lifetime.IsCancellationRequested || outcome.Reason == IrcDisconnectReason.AuthenticationFailed;
                var again = !fatal && _options.AutoReconnect && failures < _options.MaxReconnectAttempts;
                if (outcome.Registered || !again)
                {
                    Raise(Disconnected, new IrcDisconnectedEventArgs(outcome.Reason, outcome.Message, outcome.Error, again), nameof(Disconnected));
                }

                if (!again)
                {
                    if (!fatal && _options.AutoReconnect)
                    {
                        _logger.ReconnectGaveUp(_network, Nick, failures);
                    }

                    break;
                }

                var delay = BackoffDelay(failures);
                _logger.ReconnectScheduled(_network, Nick, delay, failures + 1);
                try
                {
                    await Task.Delay(delay, _timeProvider, lifetime).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    Raise(Disconnected, new IrcDisconnectedEventArgs(IrcDisconnectReason.Requested, "stopped while waiting to reconnect", null, false), nameof(Disconnected));
                    break;
                }
            }
        }
        finally
        {
            var closed = new IrcConnectionException("The connection was stopped.", IrcDisconnectReason.Requested);
            _queue.Close(closed);
            FailAllWaiters(closed);
        }
    }

    private TimeSpan BackoffDelay(int failures)
    {
        var baseDelay = _options.ReconnectInitialDelay * Math.Pow(2, Math.Min(failures, 20));
        if (baseDelay > _options.ReconnectMaxDelay)
        {
            baseDelay = _options.ReconnectMaxDelay;
        }

        var spread = 1 + (_options.ReconnectJitter * ((Random.Shared.NextDouble() * 2) - 1));
        return baseDelay * Math.Max(0, spread);
    }

    private static Exception ToException(SessionOutcome o) => o.Reason switch
    {
        IrcDisconnectReason.AuthenticationFailed => o.Error as IrcAuthenticationException ?? new IrcAuthenticationException(o.Message ?? "SASL authentication failed."),
        _ => new IrcConnectionException(o.Message ?? o.Reason.ToString(), o.Reason, o.Error),
    };

    private async Task<SessionOutcome> RunSessionAsync(TaskCompletionSource? firstRegistration, CancellationToken lifetime)
    {
        ResetSessionState();
        _logger.Connecting(_network, _options.Host, _options.Port, _options.UseTls, _options.Nick);
        Stream stream;
        try
        {
            using var timeout = new CancellationTokenSource(_options.ConnectTimeout, _timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(lifetime, timeout.Token);
            stream = await _connect(linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (!lifetime.IsCancellationRequested)
        {
            _logger.ConnectFailed(_network, _options.Nick, IrcDisconnectReason.ConnectFailed, ex);
            return new SessionOutcome(false, IrcDisconnectReason.ConnectFailed, $"Connecting to {_options.Host}:{_options.Port} failed: {ex.Message}", ex);
        }
        catch (OperationCanceledException)
        {
            return new SessionOutcome(false, IrcDisconnectReason.Requested, "Cancelled while connecting.", null);
        }

        var s = new Session(Interlocked.Increment(ref _sessionCounter), stream, lifetime, firstRegistration);
        s.LastReceived = _timeProvider.GetTimestamp();
        _session = s;
        _bucket.Reset();
        var sender = Task.Run(() => SendLoopAsync(s), CancellationToken.None);
        var period = TimeSpan.FromTicks(Math.Max(Math.Min(_options.PingInterval.Ticks, (_options.PingTimeout - _options.PingInterval).Ticks) / 2, TimeSpan.TicksPerMillisecond * 100));
        s.Keepalive = _timeProvider.CreateTimer(_ => KeepaliveTick(s), null, period, period);
        s.RegistrationTimer = _timeProvider.CreateTimer(static st => ((Session)st!).AbortUnlessRegistered(), s, _options.RegistrationTimeout, Timeout.InfiniteTimeSpan);

        StartRegistration(s);
        await ReadLoopAsync(s).ConfigureAwait(false);

        s.Abort(IrcDisconnectReason.ConnectionLost, s.ServerError is null ? "Connection closed by the server." : s.ServerError, null);
        if (s.ServerError is not null && s.Reason == IrcDisconnectReason.ConnectionLost)
        {
            s.Reason = IrcDisconnectReason.ServerError;
        }

        if (_stopRequested && s.Reason is IrcDisconnectReason.ServerError or IrcDisconnectReason.ConnectionLost)
        {
            s.Reason = IrcDisconnectReason.Requested;
        }

        s.Ended = true;
        _queue.SetNormalOpen(false);
        await sender.ConfigureAwait(false);
        await s.Keepalive.DisposeAsync().ConfigureAwait(false);
        await s.RegistrationTimer.DisposeAsync().ConfigureAwait(false);
        try
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or System.Net.Sockets.SocketException)
        {
            // Already broken; nothing to flush.
        }

        var lost = new IrcConnectionException($"Connection lost before the server answered ({s.Reason}).", s.Reason ?? IrcDisconnectReason.ConnectionLost);
        _queue.DropPriority(lost);
        FailSessionWaiters(s.Id, lost);
        if (s.IsRegistered)
        {
            _rejoin = [.. _channels.Channels.Select(c => (c.Name, c.Key))];
        }

        _channels.Clear();
        s.Cts.Dispose();
        var reason = s.Reason ?? IrcDisconnectReason.ConnectionLost;
        _logger.Disconnected(_network, Nick, reason, s.Message, s.Error);
        return new SessionOutcome(s.IsRegistered, reason, s.Message, s.Error);
    }

    private async Task ReadLoopAsync(Session s)
    {
        // Zero-byte reads: no buffer is held while the connection is idle, which is most of a puppet's life.
        var reader = PipeReader.Create(s.Stream, new StreamPipeReaderOptions(bufferSize: 4096, minimumReadSize: 1024, leaveOpen: true, useZeroByteReads: true));
        var discarding = false;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(s.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                while (IrcMessageParser.TryReadLine(ref buffer, out var line))
                {
                    if (discarding)
                    {
                        discarding = false;
                        continue;
                    }

                    if (_options.InboundGate is { } gate && s.IsRegistered)
                    {
                        // Backpressure: the owner's queue is full, so stop reading (TCP pushes back on the server).
                        await WaitInboundGateAsync(s, gate).ConfigureAwait(false);
                    }

                    ProcessLine(s, line);
                }

                if (buffer.Length > IrcMessageParser.MaxLineBytes)
                {
                    _logger.LineTooLong(_network, Nick, buffer.Length);
                    discarding = true;
                    buffer = buffer.Slice(buffer.End);
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (s.Token.IsCancellationRequested)
        {
            // Session aborted (ping timeout, auth failure, disconnect): the reason is already recorded.
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            s.Abort(IrcDisconnectReason.ConnectionLost, ex.Message, ex);
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    private void ProcessLine(Session s, System.Buffers.ReadOnlySequence<byte> line)
    {
        IrcMessage? msg;
        try
        {
            msg = IrcMessageParser.TryParse(line);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException)
        {
            return;
        }

        if (msg is null)
        {
            return;
        }

        s.LastReceived = _timeProvider.GetTimestamp();
        s.PingOutstanding = false;
        if (_logger.IsEnabled(LogLevel.Trace))
        {
            _logger.Received(_network, Nick, IsSensitive(msg) ? msg.Command + " ***" : msg.ToString());
        }

        try
        {
            HandleMessage(s, msg);
        }
        catch (Exception ex)
        {
            _logger.ProcessingFailed(_network, Nick, msg.Command, ex);
        }
    }

    private async Task SendLoopAsync(Session s)
    {
        var ct = s.Token;
        try
        {
            while (true)
            {
                await _queue.WaitAsync(ct).ConfigureAwait(false);
                var wait = _bucket.TimeUntilAvailable();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _timeProvider, ct).ConfigureAwait(false);
                    continue;
                }

                if (!_queue.TryDequeue(out var line) || line is null)
                {
                    continue;
                }

                _bucket.Take();
                line.SessionId = s.Id;
                try
                {
                    await s.Stream.WriteAsync(line.Bytes, ct).ConfigureAwait(false);
                    await s.Stream.FlushAsync(ct).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    line.Written.TrySetException(new IrcConnectionException("Writing to the server failed.", IrcDisconnectReason.ConnectionLost, ex));
                    s.Abort(IrcDisconnectReason.ConnectionLost, ex.Message, ex);
                    return;
                }

                if (_logger.IsEnabled(LogLevel.Trace))
                {
                    _logger.Sent(_network, Nick, line.Sensitive ? line.Message.Command + " ***" : Encoding.UTF8.GetString(line.Bytes, 0, line.Bytes.Length - 2));
                }

                line.Written.TrySetResult();
            }
        }
        catch (OperationCanceledException)
        {
            // Session ended.
        }
        catch (Exception ex) when (ex is IrcConnectionException or ObjectDisposedException)
        {
            // Queue closed.
        }
    }

    private void KeepaliveTick(Session s)
    {
        if (s.Ended || s.ReadPaused)
        {
            // Paused on purpose (backpressure): the silence is ours, not the server's.
            return;
        }

        var silence = _timeProvider.GetElapsedTime(s.LastReceived);
        if (silence >= _options.PingTimeout)
        {
            _logger.PingTimeout(_network, Nick, silence);
            s.Abort(IrcDisconnectReason.PingTimeout, $"No data for {silence.TotalSeconds:F0} s.", null);
        }
        else if (silence >= _options.PingInterval && !s.PingOutstanding)
        {
            s.PingOutstanding = true;
            EnqueueSession(new IrcMessage(IrcCommands.Ping, "bridges-keepalive"));
        }
    }
}
