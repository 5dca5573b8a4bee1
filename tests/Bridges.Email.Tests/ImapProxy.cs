using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Bridges.Email.Tests;

/// <summary>
/// A TCP proxy in front of Dovecot's IMAP port: it can cut every open connection (a dropped link) and hide IDLE from
/// the server's capabilities (a server without IDLE). Everything else passes through byte for byte.
/// </summary>
internal sealed class ImapProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentDictionary<int, (TcpClient Client, TcpClient Server)> _open = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _accepted;

    public ImapProxy(bool hideIdle = false)
    {
        HideIdle = hideIdle;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public bool HideIdle { get; }

    public string Address => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>Connections accepted so far.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Cuts every open connection, as a network failure would.</summary>
    public void DropAll()
    {
        foreach (var (id, (client, server)) in _open)
        {
            try
            {
                // A reset, not a polite close: the bridge sees the link die.
                client.Client.LingerState = new LingerOption(true, 0);
            }
            catch (ObjectDisposedException)
            {
                // Closed already by its other side.
            }

            client.Dispose();
            server.Dispose();
            _open.TryRemove(id, out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        DropAll();
        await _accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            var server = new TcpClient();
            await server.ConnectAsync(TestMail.Imap.Host, TestMail.Imap.Port, _stop.Token);
            var id = Interlocked.Increment(ref _accepted);
            _open[id] = (client, server);
            _ = PumpAsync(client.GetStream(), server.GetStream(), rewrite: false);
            _ = PumpAsync(server.GetStream(), client.GetStream(), rewrite: HideIdle);
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, bool rewrite)
    {
        var buffer = new byte[65536];
        var pending = new List<byte>();
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
            {
                if (!rewrite)
                {
                    await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
                    continue;
                }

                // Line by line, so a CAPABILITY line split across reads is still rewritten whole.
                pending.AddRange(buffer.AsSpan(0, read));
                int end;
                while ((end = pending.IndexOf((byte)'\n')) >= 0)
                {
                    var line = Encoding.Latin1.GetString([.. pending.GetRange(0, end + 1)]);
                    pending.RemoveRange(0, end + 1);
                    if (line.Contains("CAPABILITY", StringComparison.Ordinal))
                    {
                        line = line.Replace(" IDLE", string.Empty, StringComparison.Ordinal);
                    }

                    await to.WriteAsync(Encoding.Latin1.GetBytes(line), _stop.Token);
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or SocketException)
        {
            // The other side or DropAll closed the connection.
        }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }
}
