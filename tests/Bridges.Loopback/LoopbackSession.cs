using Bridges.Core.Network;

namespace Bridges.Loopback;

/// <summary>
/// One bridge's connection to the network (from the connector's start until the next bridge replaces it): the
/// connected clients and the delivery loop. Like a real network connection it pushes events in order, awaiting
/// only that the bridge queued them, and acknowledges each chat's events in order once the bridge says they are
/// bridged (the cursor a Telegram offset or an IMAP UID would be). What is not acknowledged when the session
/// ends is pushed again by the next one.
/// </summary>
internal sealed class LoopbackSession
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(100);

    private readonly LoopbackNetwork _network;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly List<LoopbackClient> _clients = [];
    // Per chat: the index of the next event to push, and the acknowledgement of the last one pushed (acks chain on it
    // so they stay in order whatever order the bridge finishes in).
    private readonly Dictionary<string, (int Next, Task LastAck)> _chats = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _wake = new(0, 1);
    private Task? _loop;

    public LoopbackSession(LoopbackNetwork network, INetworkHost host)
    {
        _network = network;
        Host = host;
    }

    public INetworkHost Host { get; }

    public void Attach(LoopbackClient client)
    {
        lock (_gate)
        {
            _clients.Add(client);
            _loop ??= Task.Run(RunAsync);
        }

        Kick(string.Empty);
    }

    public void Detach(LoopbackClient client)
    {
        lock (_gate)
        {
            _clients.Remove(client);
        }
    }

    /// <summary>Something new happened (in <paramref name="chatId"/>): the delivery loop looks again.</summary>
    public void Kick(string chatId)
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken.
        }
    }

    public void Stop() => _stop.Cancel();

    private async Task RunAsync()
    {
        var ct = _stop.Token;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var pushed = false;
                foreach (var chat in _network.ChatIds())
                {
                    pushed |= await PushNextAsync(chat, ct).ConfigureAwait(false);
                }

                if (!pushed)
                {
                    await _wake.WaitAsync(ct).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // This bridge was replaced.
        }
    }

    /// <summary>Pushes the chat's next event, if there is one and a connection to deliver it.</summary>
    private async Task<bool> PushNextAsync(string chatId, CancellationToken ct)
    {
        List<LoopbackClient> clients;
        (int Next, Task LastAck) state;
        lock (_gate)
        {
            clients = _clients.ToList();
            state = _chats.TryGetValue(chatId, out var known) ? known : (_network.AcknowledgedIn(chatId), Task.CompletedTask);
        }

        if (_network.Next(this, chatId, state.Next, clients) is not var (evt, client, sender))
        {
            return false;
        }

        using var connection = CancellationTokenSource.CreateLinkedTokenSource(ct, client.Connection);
        PushReceipt receipt;
        try
        {
            receipt = await Host.Events.PushAsync(evt.Build(sender, evt.Timestamp), connection.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (connection.IsCancellationRequested)
        {
            // The connection dropped mid-push: not acknowledged, so it goes again on the next connection.
            _network.CountDroppedPush();
            return false;
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            // The bridge could not take it now; a network keeps it and tries again.
            await Task.Delay(RetryDelay, Host.Time, ct).ConfigureAwait(false);
            return true;
        }

        var index = state.Next;
        lock (_gate)
        {
            _chats[chatId] = (index + 1, AcknowledgeAsync(chatId, index, evt, receipt, client.Connection, state.LastAck));
        }

        return true;
    }

    private async Task AcknowledgeAsync(string chatId, int index, LoopbackEvent evt, PushReceipt receipt, CancellationToken connection, Task previous)
    {
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        RemoteEventResult? result;
        try
        {
            result = await receipt.Bridged.ConfigureAwait(false);
        }
        catch (Exception)
        {
            result = null;
        }

        if (_stop.IsCancellationRequested)
        {
            return;
        }

        // Not bridged (the portal stopped under it), or the answer came after the connection dropped and so never
        // reached the network: the event, and what followed it, is pushed again.
        if (result is not { } bridged || connection.IsCancellationRequested)
        {
            lock (_gate)
            {
                if (_chats.TryGetValue(chatId, out var state) && state.Next > index)
                {
                    _chats[chatId] = (index, state.LastAck);
                }
            }

            Kick(chatId);
            return;
        }

        _network.Acknowledge(this, evt, bridged);
    }
}
