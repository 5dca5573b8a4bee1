namespace Bridges.Emulators.Discord;

public sealed partial class DiscordEmulator
{
    /// <summary>How many 429s were answered.</summary>
    public int RateLimitedCount
    {
        get
        {
            lock (_world.Gate)
            {
                return _world.RateLimited;
            }
        }
    }

    public int Identifies => Read(() => _gateway.Identifies);

    public int Resumes => Read(() => _gateway.Resumes);

    public int Heartbeats => Read(() => _gateway.Heartbeats);

    /// <summary>Identified connections open now.</summary>
    public int OpenGatewayConnections => Read(() => _gateway.OpenConnections);

    /// <summary>Off: heartbeats go unanswered, so the client must see a zombied connection.</summary>
    public bool AcknowledgeHeartbeats
    {
        get => Read(() => _gateway.AcknowledgeHeartbeats);
        set
        {
            lock (_world.Gate)
            {
                _gateway.AcknowledgeHeartbeats = value;
            }
        }
    }

    /// <summary>The next REST request is answered 429 with this retry_after (global or per bucket).</summary>
    public void InjectRateLimit(TimeSpan retryAfter, bool global) => _limits.Inject(retryAfter, global);

    /// <summary>Closes every Gateway connection with a close code (4000 unknown error, 4009 session timed out, 4004 …).</summary>
    public void CloseGateway(int code)
    {
        lock (_world.Gate)
        {
            _gateway.Faults.CloseAll(code);
        }
    }

    /// <summary>Sends op 7 Reconnect on every connection.</summary>
    public void RequestReconnect()
    {
        lock (_world.Gate)
        {
            _gateway.Faults.Reconnect();
        }
    }

    /// <summary>Sends op 9 Invalid Session.</summary>
    public void InvalidateSessions(bool resumable)
    {
        lock (_world.Gate)
        {
            _gateway.Faults.InvalidateSessions(resumable);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds in the world, woken by each change rather than polling.</summary>
    public async Task WaitUntilAsync(Func<DiscordEmulator, bool> condition, TimeSpan timeout, string what = "the condition")
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            Task next;
            lock (_world.Gate)
            {
                next = _world.NextChange;
            }

            if (condition(this))
            {
                return;
            }

            try
            {
                await next.WaitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Timed out after {timeout} waiting for {what}.");
            }
        }
    }

    /// <summary>Waits for a message in a channel that matches.</summary>
    public async Task<World.EmulatedMessage> WaitForMessageAsync(World.EmulatedChannel channel, Func<World.EmulatedMessage, bool> match, TimeSpan timeout)
    {
        World.EmulatedMessage? found = null;
        await WaitUntilAsync(e => (found = e.MessagesIn(channel).FirstOrDefault(match)) is not null, timeout, $"a message in #{channel.Name}").ConfigureAwait(false);
        return found!;
    }

    private T Read<T>(Func<T> read)
    {
        lock (_world.Gate)
        {
            return read();
        }
    }
}
