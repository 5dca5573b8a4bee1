using Bridges.Irc.Client;
using Bridges.Irc.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Bridges.Irc.Tests.Unit;

/// <summary>Keepalive, ping timeout, registration timeout and queue ordering, with a fake clock.</summary>
public sealed class IrcConnectionTimingTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Idle_connection_pings_then_times_out_and_reconnects()
    {
        var server = new FakeIrcServer();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var conn = IrcConnectionProtocolTests.Create(server, o => o, time);
        var disconnected = new TaskCompletionSource<IrcDisconnectedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        conn.Disconnected += (_, e) => disconnected.TrySetResult(e);
        var connect = conn.ConnectAsync(Ct);
        var s = await server.NextSessionAsync();
        await s.RegisterAsync("");
        await connect.WaitAsync(FakeIrcServer.Timeout);

        time.Advance(TimeSpan.FromSeconds(30));
        time.Advance(TimeSpan.FromSeconds(30)); // 60 s of silence: keepalive PING
        Assert.Equal("PING bridges-keepalive", await s.ExpectCommandAsync("PING"));
        await s.SendAsync(":srv PONG srv :bridges-keepalive"); // any data resets the silence clock
        await Wait.UntilAsync(() => !disconnected.Task.IsCompleted && conn.IsConnected, "still connected");

        for (var i = 0; i < 6 && !disconnected.Task.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromSeconds(30));
        }

        var e = await disconnected.Task.WaitAsync(FakeIrcServer.Timeout);
        Assert.Equal(IrcDisconnectReason.PingTimeout, e.Reason);
        Assert.True(e.WillReconnect);

        var next = server.NextSessionAsync();
        while (!next.IsCompleted)
        {
            time.Advance(TimeSpan.FromMilliseconds(100)); // the reconnect backoff runs on the fake clock
            await Task.WhenAny(next, Task.Delay(20));
        }

        var s2 = await next;
        Assert.Equal("CAP LS 302", await s2.ReadLineAsync());
        await DisposeAsync(conn, time);
    }

    [Fact]
    public async Task Registration_timeout_fails_connect()
    {
        var server = new FakeIrcServer();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var conn = IrcConnectionProtocolTests.Create(server, o => o, time);
        var connect = conn.ConnectAsync(Ct);
        var s = await server.NextSessionAsync();
        await s.ExpectCommandAsync("USER");
        time.Advance(TimeSpan.FromSeconds(61));
        var ex = await Assert.ThrowsAsync<IrcConnectionException>(() => connect.WaitAsync(FakeIrcServer.Timeout));
        Assert.Equal(IrcDisconnectReason.RegistrationFailed, ex.Reason);
        await DisposeAsync(conn, time);
    }

    [Fact]
    public void Send_queue_puts_priority_first_holds_normal_until_open_and_fails_on_close()
    {
        var q = new IrcSendQueue();
        IrcOutgoingLine L(string text) => new(new IrcMessage("PRIVMSG", "#c", text), [], false);
        var normal = Enumerable.Range(0, 3).Select(i => L($"n{i}")).ToList();
        q.EnqueueRange(normal, priority: false);
        Assert.False(q.TryDequeue(out _)); // registered session not open yet
        Assert.False(q.WaitAsync(Ct).IsCompleted);

        var pong = L("pong");
        q.Enqueue(pong, priority: true);
        Assert.True(q.TryDequeue(out var first));
        Assert.Same(pong, first);

        q.SetNormalOpen(true);
        Assert.True(q.TryDequeue(out var n0));
        q.Enqueue(L("pong2"), priority: true);
        Assert.True(q.TryDequeue(out var p2));
        Assert.Equal(["n0", "pong2"], new[] { n0!, p2! }.Select(l => l.Message.Params[1]));

        q.Close(new ObjectDisposedException("q"));
        Assert.True(normal[1].Written.Task.IsFaulted);
        Assert.True(normal[2].Written.Task.IsFaulted);
        var late = L("late");
        q.Enqueue(late, priority: false);
        Assert.True(late.Written.Task.IsFaulted);
    }

    [Fact]
    public async Task Send_loop_paces_lines_by_the_token_bucket_in_order()
    {
        var server = new FakeIrcServer();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var conn = IrcConnectionProtocolTests.Create(server, o => new IrcConnectionOptions
        {
            Host = o.Host,
            Port = o.Port,
            UseTls = false,
            Nick = "me",
            FloodBurst = 5,
            FloodInterval = TimeSpan.FromSeconds(1),
            QuitTimeout = o.QuitTimeout,
        }, time);
        var connect = conn.ConnectAsync(Ct);
        var s = await server.NextSessionAsync();
        await s.RegisterAsync(""); // CAP LS, NICK, USER, CAP END: 4 of the 5 tokens
        await connect.WaitAsync(FakeIrcServer.Timeout);
        time.Advance(TimeSpan.FromSeconds(20)); // refill to the burst size (before the 30 s keepalive check)

        var sends = Enumerable.Range(0, 8).Select(i => conn.SendPrivmsgAsync("#c", $"m{i}", null, Ct)).ToList();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal($"PRIVMSG #c m{i}", await s.ReadLineAsync());
        }

        await Wait.UntilAsync(() => conn.QueuedLines == 3, "burst used, three lines wait");
        await s.SendAsync("PING :urgent"); // the PONG jumps the queue but still waits for a token
        await Wait.UntilAsync(() => conn.QueuedLines == 4, "PONG queued");
        var expected = new[] { "PONG urgent", "PRIVMSG #c m5", "PRIVMSG #c m6", "PRIVMSG #c m7" };
        foreach (var line in expected)
        {
            var read = s.ReadLineAsync();
            while (!read.IsCompleted)
            {
                time.Advance(TimeSpan.FromMilliseconds(250));
                await Task.WhenAny(read, Task.Delay(20));
            }

            Assert.Equal(line, await read);
        }

        await Task.WhenAll(sends).WaitAsync(FakeIrcServer.Timeout);
        await DisposeAsync(conn, time);
    }

    /// <summary>Disposal waits (QUIT, backoff) on the fake clock, so keep it moving until disposal is done.</summary>
    private static async Task DisposeAsync(IrcConnection conn, FakeTimeProvider time)
    {
        var dispose = conn.DisposeAsync().AsTask();
        while (!dispose.IsCompleted)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.WhenAny(dispose, Task.Delay(20));
        }

        await dispose;
    }
}
