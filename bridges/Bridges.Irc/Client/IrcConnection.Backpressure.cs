namespace Bridges.Irc.Client;

/// <summary>
/// Inbound backpressure: before each line of a registered session the receive loop awaits
/// <see cref="IrcConnectionOptions.InboundGate"/>, so a slow consumer stops the reading (and TCP slows the server)
/// instead of events piling up. The gate is skipped while a send of ours waits for the server's answer (a label, an
/// echo or a numeric), and a wait in progress ends as soon as such a send starts: that answer can only arrive through
/// this loop, and the send may be what the consumer is waiting for.
/// </summary>
internal sealed partial class IrcConnection
{
    private TaskCompletionSource? _gateBypass;

    /// <summary>True while the receive loop waits on <see cref="IrcConnectionOptions.InboundGate"/> (reads nothing).</summary>
    public bool IsReadPaused => _session is { ReadPaused: true };

    private async ValueTask WaitInboundGateAsync(Session s, Func<CancellationToken, ValueTask> gate)
    {
        TaskCompletionSource bypass;
        lock (_sync)
        {
            if (HasWaitersLocked())
            {
                return;
            }

            bypass = _gateBypass = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        try
        {
            var wait = gate(s.Token);
            if (!wait.IsCompletedSuccessfully)
            {
                s.ReadPaused = true;
                await Task.WhenAny(wait.AsTask(), bypass.Task).ConfigureAwait(false);
                s.Token.ThrowIfCancellationRequested();
            }
        }
        finally
        {
            lock (_sync)
            {
                _gateBypass = null;
            }

            if (s.ReadPaused)
            {
                s.ReadPaused = false;
                s.LastReceived = _timeProvider.GetTimestamp();
            }
        }
    }

    /// <summary>A send now waits for a reply: let a paused receive loop read on (call under <see cref="_sync"/>).</summary>
    private void ReleaseInboundGateLocked() => _gateBypass?.TrySetResult();

    private bool HasWaitersLocked() => _labelWaiters is { Count: > 0 } || _echoWaiters is { Count: > 0 } || _replyWaiters is { Count: > 0 };
}
