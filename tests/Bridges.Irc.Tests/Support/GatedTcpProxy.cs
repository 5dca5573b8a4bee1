using System.Net;
using System.Net.Sockets;

namespace Bridges.Irc.Tests.Support;

/// <summary>
/// A loopback TCP forwarder to the IRC server that a test can close (new connections are dropped at once, as if the
/// server refused them) and open again, to decide when the bridge's reconnects get through.
/// </summary>
internal sealed class GatedTcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly (string Host, int Port) _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private volatile bool _open = true;

    public GatedTcpProxy((string Host, int Port) target)
    {
        _target = target;
        _listener.Start();
        _accepting = Task.Run(AcceptAsync);
    }

    public (string Host, int Port) Endpoint => ("127.0.0.1", ((IPEndPoint)_listener.LocalEndpoint).Port);

    public bool IsOpen
    {
        get => _open;
        set => _open = value;
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            if (!_open)
            {
                client.Dispose();
                continue;
            }

            _ = Task.Run(() => ForwardAsync(client));
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(_target.Host, _target.Port, _stop.Token);
                var a = client.GetStream();
                var b = server.GetStream();
                // Either side closing ends both, like a direct connection.
                await Task.WhenAny(a.CopyToAsync(b, _stop.Token), b.CopyToAsync(a, _stop.Token));
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                // The server went away or the test ended: the client sees its connection close.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }
}
