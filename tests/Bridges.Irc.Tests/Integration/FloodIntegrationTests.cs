using System.Net.Sockets;
using System.Text;
using Bridges.Irc.Client;
using Bridges.Irc.Tests.Support;

namespace Bridges.Irc.Tests.Integration;

/// <summary>The strict port (fakelag ~5 lines/s after 20, 8 KB recvq): paced sending survives, raw flooding does not.</summary>
public sealed class FloodIntegrationTests
{
    private const int Count = 200;

    private static string Payload(int i) => $"{i:D3} " + new string((char)('a' + (i % 26)), 396);

    [Fact]
    public async Task Paced_queue_delivers_200_long_messages_in_order_without_being_closed()
    {
        await IrcTestEnv.EnsureReachableAsync(IrcTestEnv.Strict);
        var channel = IrcTestEnv.UniqueChannel("flood");
        await using var receiver = await IrcTestEnv.ConnectAsync(IrcTestEnv.Options(IrcTestEnv.UniqueNick("floodrx")));
        var senderOptions = IrcTestEnv.Options(IrcTestEnv.UniqueNick("floodtx"), IrcTestEnv.Strict, trackMembers: false);

        // Below the server's 5 lines/s with a burst well inside its 20-line budget and 8 KB queue.
        senderOptions = new IrcConnectionOptions
        {
            Host = senderOptions.Host,
            Port = senderOptions.Port,
            UseTls = false,
            Nick = senderOptions.Nick,
            TrackChannelMembers = false,
            FloodBurst = 10,
            FloodInterval = TimeSpan.FromMilliseconds(220),
            RequestTimeout = TimeSpan.FromSeconds(30),
            AutoReconnect = false,
        };
        await using var sender = await IrcTestEnv.ConnectAsync(senderOptions);
        var disconnects = 0;
        sender.Disconnected += (_, _) => Interlocked.Increment(ref disconnects);
        var chats = new ChatCollector(receiver);
        await receiver.JoinAsync(channel, null, IrcTestEnv.Ct);
        await sender.JoinAsync(channel, null, IrcTestEnv.Ct);

        var sends = Enumerable.Range(0, Count).Select(i => sender.SendPrivmsgAsync(channel, Payload(i), null, IrcTestEnv.Ct)).ToList();
        Assert.True(sender.QueuedLines > Count / 2, "the lines were queued at once, not sent at once");
        await Task.WhenAll(sends).WaitAsync(TimeSpan.FromSeconds(90));

        var got = await chats.WaitForChatsAsync(c => c.Count(m => m.Source.Nick == sender.Nick) == Count, "all 200 messages", TimeSpan.FromSeconds(30));
        Assert.Equal(Enumerable.Range(0, Count).Select(Payload), got.Where(m => m.Source.Nick == sender.Nick).Select(m => m.Text));
        Assert.True(sender.IsConnected);
        Assert.Equal(0, Volatile.Read(ref disconnects));
    }

    [Fact]
    public async Task Control_unthrottled_raw_socket_is_closed_for_recvq()
    {
        await IrcTestEnv.EnsureReachableAsync(IrcTestEnv.Strict);
        var (host, port) = IrcTestEnv.Strict;
        using var client = new TcpClient();
        await client.ConnectAsync(host, port);
        var stream = client.GetStream();
        var nick = IrcTestEnv.UniqueNick("rawflood");
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"NICK {nick}\r\nUSER raw 0 * :raw\r\n"));

        var received = new StringBuilder();
        var buffer = new byte[65536];
        async Task<bool> ReadUntilAsync(string marker, TimeSpan timeout)
        {
            using var cts = new CancellationTokenSource(timeout);
            try
            {
                while (!received.ToString().Contains(marker, StringComparison.Ordinal))
                {
                    var n = await stream.ReadAsync(buffer, cts.Token);
                    if (n == 0)
                    {
                        return received.ToString().Contains(marker, StringComparison.Ordinal);
                    }

                    received.Append(Encoding.UTF8.GetString(buffer, 0, n));
                }

                return true;
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException)
            {
                return received.ToString().Contains(marker, StringComparison.Ordinal);
            }
        }

        Assert.True(await ReadUntilAsync(" 001 ", TimeSpan.FromSeconds(15)), "registered");
        var flood = new StringBuilder();
        for (var i = 0; i < Count; i++)
        {
            flood.Append($"PRIVMSG {nick} :{Payload(i)}\r\n");
        }

        // Read while writing, so the ERROR line is seen even if the server resets the connection.
        var reading = ReadUntilAsync("RecvQ exceeded", TimeSpan.FromSeconds(20));
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(flood.ToString()));
        }
        catch (IOException)
        {
            // The server may close while we are still writing.
        }

        Assert.True(await reading, "expected ERROR ... [RecvQ exceeded], got: " + received.ToString()[^Math.Min(300, received.Length)..]);
    }
}
