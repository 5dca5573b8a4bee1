using System.Threading.Channels;
using Bridges.Core.Network;

namespace Bridges.Loopback;

/// <summary>
/// One bridge's connection to the network (from the connector's start until the next bridge replaces it): the
/// connected clients and one pump per chat that pushes the chat's unacknowledged events, in order, from a
/// background task.
/// </summary>
internal sealed class LoopbackSession
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(100);

    private readonly LoopbackNetwork _network;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly List<LoopbackClient> _clients = [];
    private readonly Dictionary<string, Channel<bool>> _pumps = new(StringComparer.Ordinal);

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
        }

        foreach (var chat in _network.ChatIds())
        {
            Kick(chat);
        }
    }

    public void Detach(LoopbackClient client)
    {
        lock (_gate)
        {
            _clients.Remove(client);
        }
    }

    /// <summary>Wakes the chat's pump, starting it when it is the chat's first event for this session.</summary>
    public void Kick(string chatId)
    {
        Channel<bool>? signal;
        var start = false;
        lock (_gate)
        {
            if (_stop.IsCancellationRequested)
            {
                return;
            }

            if (!_pumps.TryGetValue(chatId, out signal))
            {
                signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
                _pumps[chatId] = signal;
                start = true;
            }
        }

        signal.Writer.TryWrite(true);
        if (start)
        {
            _ = Task.Run(() => PumpAsync(chatId, signal.Reader), CancellationToken.None);
        }
    }

    public void Stop() => _stop.Cancel();

    private async Task PumpAsync(string chatId, ChannelReader<bool> signal)
    {
        var ct = _stop.Token;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                List<LoopbackClient> clients;
                lock (_gate)
                {
                    clients = _clients.ToList();
                }

                if (_network.Next(this, chatId, clients) is not var (evt, client, sender))
                {
                    await signal.ReadAsync(ct).ConfigureAwait(false);
                    continue;
                }

                using var connection = CancellationTokenSource.CreateLinkedTokenSource(ct, client.Connection);
                RemoteEventResult result;
                try
                {
                    result = await Host.Events.PushAsync(evt.Build(sender, evt.Timestamp), connection.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (connection.IsCancellationRequested)
                {
                    // The connection dropped mid-push: not acknowledged, so it goes again on the next connection.
                    _network.CountDroppedPush();
                    continue;
                }
                catch (Exception) when (!ct.IsCancellationRequested)
                {
                    // The bridge could not take it now; a network keeps it and tries again.
                    await Task.Delay(RetryDelay, Host.Time, ct).ConfigureAwait(false);
                    continue;
                }

                if (!connection.IsCancellationRequested)
                {
                    _network.Acknowledge(this, evt, result);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // This bridge was replaced.
        }
    }
}
