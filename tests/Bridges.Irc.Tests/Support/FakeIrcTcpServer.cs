using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Bridges.Irc.Tests.Support;

/// <summary>
/// <see cref="FakeIrcServer"/> sessions over real loopback TCP, for bridge tests of what InspIRCd does not offer
/// (<c>draft/relaymsg</c>, <c>REDACT</c>, another CASEMAPPING): the bridge connects to <see cref="Endpoint"/> like to
/// any server, and every accepted connection becomes a scripted <see cref="FakeIrcServer.Session"/>.
/// </summary>
internal sealed class FakeIrcTcpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Channel<FakeIrcServer.Session> _sessions = Channel.CreateUnbounded<FakeIrcServer.Session>();
    private readonly List<TcpClient> _clients = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accept;

    public FakeIrcTcpServer()
    {
        _listener.Start();
        _accept = AcceptAsync();
    }

    public (string Host, int Port) Endpoint => ("127.0.0.1", ((IPEndPoint)_listener.LocalEndpoint).Port);

    public async Task<FakeIrcServer.Session> NextSessionAsync(TimeSpan? timeout = null) =>
        await _sessions.Reader.ReadAsync().AsTask().WaitAsync(timeout ?? TimeSpan.FromSeconds(20));

    /// <summary>Closes every connection from the server side (the clients see the server go away).</summary>
    public void DropAll()
    {
        lock (_clients)
        {
            foreach (var client in _clients)
            {
                client.Client.Close();
            }

            _clients.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accept.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        DropAll();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            lock (_clients)
            {
                _clients.Add(client);
            }

            var stream = client.GetStream();
            _sessions.Writer.TryWrite(new FakeIrcServer.Session(PipeReader.Create(stream), PipeWriter.Create(stream)));
        }
    }
}
