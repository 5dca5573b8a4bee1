using System.Text;
using Bridges.Irc.Client;
using Bridges.Irc.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bridges.Irc.Tests.Unit;

/// <summary>Connection behaviour against the scripted in-memory server.</summary>
public sealed class IrcConnectionProtocolTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    internal static IrcConnection Create(
        FakeIrcServer server,
        Func<IrcConnectionOptions, IrcConnectionOptions>? configure = null,
        TimeProvider? time = null,
        ILogger<IrcConnection>? logger = null)
    {
        var options = new IrcConnectionOptions
        {
            Host = "fake.test",
            Port = 6667,
            UseTls = false,
            Nick = "me",
            FloodBurst = 1000,
            FloodInterval = TimeSpan.Zero,
            ReconnectInitialDelay = TimeSpan.FromMilliseconds(10),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(50),
            QuitTimeout = TimeSpan.FromMilliseconds(200),
        };
        options = configure?.Invoke(options) ?? options;
        return new IrcConnection(options, logger ?? NullLogger<IrcConnection>.Instance, time ?? TimeProvider.System, server.ConnectAsync);
    }

    [Fact]
    public async Task Requests_only_wanted_caps_among_those_offered()
    {
        var server = new FakeIrcServer();
        await using var conn = Create(server);
        var connect = conn.ConnectAsync(Ct);
        var s = await server.NextSessionAsync();
        Assert.Equal("CAP LS 302", await s.ReadLineAsync());
        Assert.Equal("NICK me", await s.ReadLineAsync());
        Assert.Equal("USER me 0 * me", await s.ReadLineAsync());
        await s.SendAsync(":srv CAP * LS * :multi-prefix unknown-cap sasl=PLAIN", ":srv CAP * LS :server-time batch");
        var req = await s.ExpectAsync(l => l.StartsWith("CAP REQ", StringComparison.Ordinal));
        Assert.Equal(["batch", "multi-prefix", "server-time"], req["CAP REQ :".Length..].Split(' ').Order());
        await s.SendAsync(":srv CAP me ACK :multi-prefix server-time batch");
        await s.ExpectAsync(l => l == "CAP END");
        await s.SendAsync(":srv 001 me :Welcome me!u@h", ":srv 422 me :No MOTD");
        await connect.WaitAsync(FakeIrcServer.Timeout);
        Assert.Equal(["batch", "multi-prefix", "server-time"], conn.EnabledCapabilities.Order());
        Assert.True(conn.IsConnected);
    }

    [Fact]
    public async Task Nak_is_retried_cap_by_cap_and_cap_new_del_apply_at_runtime()
    {
        var server = new FakeIrcServer();
        await using var conn = Create(server);
        var connect = conn.ConnectAsync(Ct);
        var s = await server.NextSessionAsync();
        await s.ExpectAsync(l => l == "CAP LS 302");
        await s.SendAsync(":srv CAP * LS :echo-message away-notify");
        await s.ExpectAsync(l => l.StartsWith("CAP REQ", StringComparison.Ordinal));
        await s.SendAsync(":srv CAP me NAK :echo-message away-notify");
        var r1 = await s.ExpectAsync(l => l.StartsWith("CAP REQ", StringComparison.Ordinal));
        var r2 = await s.ExpectAsync(l => l.StartsWith("CAP REQ", StringComparison.Ordinal));
        Assert.Equal(["CAP REQ away-notify", "CAP REQ echo-message"], new[] { r1, r2 }.Order());
        await s.SendAsync(":srv CAP me ACK :away-notify", ":srv CAP me NAK :echo-message");
        await s.ExpectAsync(l => l == "CAP END");
        await s.SendAsync(":srv 001 me :Welcome", ":srv 376 me :End");
        await connect.WaitAsync(FakeIrcServer.Timeout);
        Assert.Equal(["away-notify"], conn.EnabledCapabilities);

        await s.SendAsync(":srv CAP me NEW :account-tag unknown");
        Assert.Equal("CAP REQ account-tag", await s.ExpectAsync(l => l.StartsWith("CAP REQ", StringComparison.Ordinal)));
        await s.SendAsync(":srv CAP me ACK :account-tag", ":srv CAP me DEL :away-notify");
        await Wait.UntilAsync(() => conn.EnabledCapabilities.SequenceEqual(["account-tag"]), "caps after NEW/DEL");
        Assert.False(conn.OfferedCapabilities.ContainsKey("away-notify"));
    }

    [Fact]
    public async Task Text_with_crlf_never_becomes_a_second_command()
    {
        var server = new FakeIrcServer();
        await using var conn = Create(server);
        var connect = conn.ConnectAsync(Ct);
        var s = await server.NextSessionAsync();
        await s.RegisterAsync("");
        await connect.WaitAsync(FakeIrcServer.Timeout);
        var before = s.RawLines.Count;

        var results = await conn.SendPrivmsgAsync("#c", "hi\r\nQUIT :x\rJOIN #evil\n\0PART #c", null, Ct);
        await conn.SendNoticeAsync("#c", "n\r\nQUIT :y", null, Ct);
        await conn.SendActionAsync("#c", "waves\r\nQUIT :z", null, Ct);
        await conn.SendAsync(new IrcMessage("PING", "end"), Ct);
        await s.ExpectAsync(l => l == "PING end");

        Assert.Equal(4, results.Count);
        var lines = s.RawLines.Skip(before).Select(b => Encoding.UTF8.GetString(b)).ToList();
        Assert.Equal(
            [
                "PRIVMSG #c hi\r", "PRIVMSG #c :QUIT :x\r", "PRIVMSG #c :JOIN #evil\r", "PRIVMSG #c :PART #c\r",
                "NOTICE #c n\r", "NOTICE #c :QUIT :y\r",
                "PRIVMSG #c :\u0001" + "ACTION waves\u0001\r", "PRIVMSG #c :\u0001" + "ACTION QUIT :z\u0001\r",
                "PING end\r",
            ],
            lines);
        Assert.All(lines, l => Assert.DoesNotContain('\0', l));

        // The raw path refuses instead of splitting.
        await Assert.ThrowsAsync<ArgumentException>(() => conn.SendAsync(new IrcMessage("PRIVMSG", "#c", "a\r\nQUIT :x"), Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => conn.SendPrivmsgAsync("#c\r\nQUIT", "x", null, Ct));
    }

    [Fact]
    public async Task Sasl_plain_sends_the_payload_and_never_logs_the_password()
    {
        var server = new FakeIrcServer();
        var logger = new CapturingLogger<IrcConnection>();
        await using var conn = Create(server, o => new IrcConnectionOptions
        {
            Host = o.Host,
            Port = o.Port,
            UseTls = false,
            Nick = "jilles",
            Sasl = IrcSaslMechanism.Plain,
            SaslPassword = new IrcSecret("sesame"),
            FloodInterval = TimeSpan.Zero,
            QuitTimeout = o.QuitTimeout,
        }, logger: logger);
        var connect = conn.ConnectAsync(Ct);
        var s = await server.NextSessionAsync();
        await s.ExpectAsync(l => l == "CAP LS 302");
        await s.SendAsync(":srv CAP * LS :sasl=EXTERNAL,PLAIN");
        Assert.Equal("CAP REQ sasl", await s.ExpectAsync(l => l.StartsWith("CAP REQ", StringComparison.Ordinal)));
        await s.SendAsync(":srv CAP jilles ACK :sasl");
        Assert.Equal("AUTHENTICATE PLAIN", await s.ReadLineAsync());
        await s.SendAsync("AUTHENTICATE +");
        Assert.Equal("AUTHENTICATE amlsbGVzAGppbGxlcwBzZXNhbWU=", await s.ReadLineAsync());
        await s.SendAsync(":srv 900 jilles jilles!j@h jilles :You are now logged in as jilles", ":srv 903 jilles :SASL authentication successful");
        Assert.Equal("CAP END", await s.ReadLineAsync());
        await s.SendAsync(":srv 001 jilles :Welcome", ":srv 376 jilles :End");
        await connect.WaitAsync(FakeIrcServer.Timeout);
        Assert.Equal("jilles", conn.Account);

        var all = string.Join('\n', logger.Messages);
        Assert.Contains("AUTHENTICATE ***", all, StringComparison.Ordinal);
        Assert.DoesNotContain("sesame", all, StringComparison.Ordinal);
        Assert.DoesNotContain("amlsbGVzAGppbGxlcwBzZXNhbWU", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sasl_external_sends_an_empty_response()
    {
        var server = new FakeIrcServer();
        await using var conn = Create(server, o => new IrcConnectionOptions
        {
            Host = o.Host,
            Port = o.Port,
            UseTls = false,
            Nick = "me",
            Sasl = IrcSaslMechanism.External,
            FloodInterval = TimeSpan.Zero,
            QuitTimeout = o.QuitTimeout,
        });
        var connect = conn.ConnectAsync(Ct);
        var s = await server.NextSessionAsync();
        await s.ExpectAsync(l => l == "CAP LS 302");
        await s.SendAsync(":srv CAP * LS :sasl");
        await s.ExpectAsync(l => l.StartsWith("CAP REQ", StringComparison.Ordinal));
        await s.SendAsync(":srv CAP me ACK :sasl");
        Assert.Equal("AUTHENTICATE EXTERNAL", await s.ReadLineAsync());
        await s.SendAsync(":srv AUTHENTICATE +");
        Assert.Equal("AUTHENTICATE +", await s.ReadLineAsync());
        await s.SendAsync(":srv 900 me me!u@h acct :Logged in", ":srv 903 me :OK");
        Assert.Equal("CAP END", await s.ReadLineAsync());
        await s.SendAsync(":srv 001 me :Welcome", ":srv 376 me :End");
        await connect.WaitAsync(FakeIrcServer.Timeout);
        Assert.Equal("acct", conn.Account);
    }

    [Fact]
    public async Task Sasl_failure_or_absence_fails_connect_with_an_auth_error()
    {
        var server = new FakeIrcServer();
        await using (var conn = Create(server, o => new IrcConnectionOptions
        {
            Host = o.Host,
            Port = o.Port,
            UseTls = false,
            Nick = "me",
            Sasl = IrcSaslMechanism.Plain,
            SaslPassword = new IrcSecret("x"),
            QuitTimeout = o.QuitTimeout,
        }))
        {
            var connect = conn.ConnectAsync(Ct);
            var s = await server.NextSessionAsync();
            await s.ExpectAsync(l => l == "CAP LS 302");
            await s.SendAsync(":srv CAP * LS :sasl=PLAIN");
            await s.ExpectAsync(l => l.StartsWith("CAP REQ", StringComparison.Ordinal));
            await s.SendAsync(":srv CAP me ACK :sasl");
            await s.ExpectAsync(l => l == "AUTHENTICATE PLAIN");
            await s.SendAsync("AUTHENTICATE +");
            await s.ExpectAsync(l => l.StartsWith("AUTHENTICATE ", StringComparison.Ordinal));
            await s.SendAsync(":srv 904 me :SASL authentication failed");
            var ex = await Assert.ThrowsAsync<IrcAuthenticationException>(() => connect.WaitAsync(FakeIrcServer.Timeout));
            Assert.Equal("904", ex.Numeric);
        }

        await using (var conn = Create(server, o => new IrcConnectionOptions
        {
            Host = o.Host,
            Port = o.Port,
            UseTls = false,
            Nick = "me",
            Sasl = IrcSaslMechanism.Plain,
            SaslPassword = new IrcSecret("x"),
            QuitTimeout = o.QuitTimeout,
        }))
        {
            var connect = conn.ConnectAsync(Ct);
            var s = await server.NextSessionAsync();
            await s.ExpectAsync(l => l == "CAP LS 302");
            await s.SendAsync(":srv CAP * LS :sasl=EXTERNAL");
            await Assert.ThrowsAsync<IrcAuthenticationException>(() => connect.WaitAsync(FakeIrcServer.Timeout));
        }
    }

    [Fact]
    public async Task Nick_collisions_during_registration_pick_alternatives()
    {
        var server = new FakeIrcServer();
        await using var conn = Create(server);
        var connect = conn.ConnectAsync(Ct);
        var s = await server.NextSessionAsync();
        await s.ExpectAsync(l => l == "USER me 0 * me");
        await s.SendAsync(":srv CAP * LS :", ":srv 433 * me :Nickname is already in use");
        Assert.Equal("NICK me_", await s.ExpectCommandAsync("NICK"));
        await s.SendAsync(":srv 433 * me_ :Nickname is already in use");
        Assert.Equal("NICK me__", await s.ExpectCommandAsync("NICK"));
        await s.SendAsync(":srv 432 * me__ :Erroneous nickname");
        var third = await s.ExpectCommandAsync("NICK");
        Assert.NotEqual("NICK me__", third);
        await s.SendAsync($":srv 001 {third[5..]} :Welcome", $":srv 376 {third[5..]} :End");
        await connect.WaitAsync(FakeIrcServer.Timeout);
        Assert.Equal(third[5..], conn.Nick);
    }

    [Fact]
    public async Task Answers_ping_and_ctcp_version_and_survives_garbage()
    {
        var server = new FakeIrcServer();
        await using var conn = Create(server);
        var connect = conn.ConnectAsync(Ct);
        var s = await server.NextSessionAsync();
        await s.RegisterAsync("");
        await connect.WaitAsync(FakeIrcServer.Timeout);
        var chats = new List<IrcChatMessage>();
        conn.ChatMessageReceived += (_, e) => { lock (chats) { chats.Add(e.Message); } };

        await s.SendRawAsync([.. "@;;=x :\r\n\r\n:only\r\nPRIVMSG\r\n"u8, 0xFF, 0xFE, .. "\r\n"u8]);
        await s.SendRawAsync([.. "@a= "u8, .. Enumerable.Repeat((byte)'x', 20000), .. "\r\n"u8]);
        await s.SendAsync("PING :token with space");
        Assert.Equal("PONG :token with space", await s.ExpectCommandAsync("PONG"));
        await s.SendAsync(":bob!b@h PRIVMSG me :\u0001VERSION\u0001");
        Assert.Equal("NOTICE bob :\u0001VERSION Bridges IRC bridge\u0001", await s.ExpectCommandAsync("NOTICE"));
        await s.SendRawAsync([.. ":bob!b@h PRIVMSG me :caf"u8, 0xE9, .. "\r\n"u8]);
        await Wait.UntilAsync(() => { lock (chats) { return chats.Any(c => c.Text == "caf\u00e9"); } }, "latin-1 message");
        Assert.True(conn.IsConnected);
        lock (chats)
        {
            Assert.Equal(IrcChatMessageKind.CtcpRequest, chats[0].Kind);
            Assert.False(chats[0].IsChannel);
        }
    }

    [Fact]
    public async Task Echo_without_labels_is_matched_in_order()
    {
        var server = new FakeIrcServer();
        await using var conn = Create(server);
        var connect = conn.ConnectAsync(Ct);
        var s = await server.NextSessionAsync();
        await s.RegisterAsync("echo-message server-time");
        await connect.WaitAsync(FakeIrcServer.Timeout);

        var first = conn.SendPrivmsgAsync("#c", "one", null, Ct);
        var second = conn.SendPrivmsgAsync("#c", "two", null, Ct);
        await s.ExpectAsync(l => l == "PRIVMSG #c two");
        await s.SendAsync(
            "@msgid=m1;time=2024-01-01T00:00:01.000Z :me!user@fake.host PRIVMSG #c one",
            "@msgid=m2;time=2024-01-01T00:00:02.000Z :me!user@fake.host PRIVMSG #c two");
        Assert.Equal("m1", (await first.WaitAsync(FakeIrcServer.Timeout))[0].MsgId);
        var r2 = (await second.WaitAsync(FakeIrcServer.Timeout))[0];
        Assert.Equal(("m2", new DateTimeOffset(2024, 1, 1, 0, 0, 2, TimeSpan.Zero)), (r2.MsgId, r2.Time!.Value));

        var failing = conn.SendPrivmsgAsync("#nope", "x", null, Ct);
        await s.ExpectAsync(l => l == "PRIVMSG #nope x");
        await s.SendAsync(":srv 404 me #nope :Cannot send to channel");
        var ex = await Assert.ThrowsAsync<IrcCommandException>(() => failing.WaitAsync(FakeIrcServer.Timeout));
        Assert.Equal("404", ex.Code);
    }

    [Fact]
    public async Task Labeled_send_returns_msgid_and_errors_become_exceptions()
    {
        var server = new FakeIrcServer();
        await using var conn = Create(server);
        var connect = conn.ConnectAsync(Ct);
        var s = await server.NextSessionAsync();
        await s.RegisterAsync("echo-message labeled-response batch message-tags");
        await connect.WaitAsync(FakeIrcServer.Timeout);

        var send = conn.SendPrivmsgAsync("#c", "hello", IrcTags.Empty.With("+draft/reply", "abc"), Ct);
        var line = await s.ExpectCommandAsync("PRIVMSG");
        var label = line.Split(' ')[0].Split(';').Single(t => t.StartsWith("label=", StringComparison.Ordinal) || t.StartsWith("@label=", StringComparison.Ordinal)).Split('=')[1];
        Assert.Contains("+draft/reply=abc", line, StringComparison.Ordinal);
        await s.SendAsync($"@label={label};msgid=xyz;time=2024-05-05T05:05:05.000Z :me!u@h PRIVMSG #c :hello");
        var result = Assert.Single(await send.WaitAsync(FakeIrcServer.Timeout));
        Assert.Equal("xyz", result.MsgId);

        var join = conn.JoinAsync("#banned", null, Ct);
        line = await s.ExpectCommandAsync("JOIN");
        label = line.Split(' ')[0]["@label=".Length..];
        await s.SendAsync($"@label={label} :srv 474 me #banned :Cannot join channel (+b)");
        var ex = await Assert.ThrowsAsync<IrcCommandException>(() => join.WaitAsync(FakeIrcServer.Timeout));
        Assert.Equal("474", ex.Code);

        var whois = conn.WhoisAsync("bob", Ct);
        line = await s.ExpectCommandAsync("WHOIS");
        label = line.Split(' ')[0]["@label=".Length..];
        await s.SendAsync(
            $"@label={label} :srv BATCH +w labeled-response",
            "@batch=w :srv 311 me bob b host * :Bob",
            "@batch=w :srv 318 me bob :End",
            ":srv BATCH -w");
        Assert.Equal("Bob", (await whois.WaitAsync(FakeIrcServer.Timeout))!.RealName);
    }

    [Fact]
    public async Task Multiline_is_sent_as_a_batch_and_received_combined()
    {
        var server = new FakeIrcServer();
        await using var conn = Create(server);
        var connect = conn.ConnectAsync(Ct);
        var s = await server.NextSessionAsync();
        await s.RegisterAsync("batch message-tags draft/multiline=max-bytes=4096,max-lines=24");
        await connect.WaitAsync(FakeIrcServer.Timeout);
        var combined = new TaskCompletionSource<IrcChatMessage>();
        conn.ChatMessageReceived += (_, e) => combined.TrySetResult(e.Message);

        var text = "first line\n\n" + string.Concat(Enumerable.Repeat("word ", 120)).TrimEnd();
        var send = conn.SendPrivmsgAsync("#c", text, IrcTags.Empty.With("+draft/reply", "r1"), Ct);
        var opener = await s.ExpectCommandAsync("BATCH");
        Assert.Matches(@"^@\+draft/reply=r1 BATCH \+(\S+) draft/multiline #c$", opener);
        var reference = opener.Split(' ')[2][1..];
        var body = new List<string>();
        string next;
        while (!(next = await s.ReadLineAsync()).StartsWith("BATCH", StringComparison.Ordinal))
        {
            body.Add(next);
        }

        Assert.Equal($"BATCH -{reference}", next);
        Assert.StartsWith($"@batch={reference} PRIVMSG #c :first line", body[0], StringComparison.Ordinal);
        Assert.Equal($"@batch={reference} PRIVMSG #c :", body[1]);
        Assert.Contains(body.Skip(3), l => l.Contains("draft/multiline-concat", StringComparison.Ordinal));
        await send.WaitAsync(FakeIrcServer.Timeout);

        await s.SendAsync(
            "@msgid=ml1 :bob!b@h BATCH +x draft/multiline #c",
            "@batch=x :bob!b@h PRIVMSG #c hello",
            "@batch=x :bob!b@h PRIVMSG #c :",
            "@batch=x :bob!b@h PRIVMSG #c :how is ",
            "@batch=x;draft/multiline-concat :bob!b@h PRIVMSG #c :everyone?",
            ":srv BATCH -x");
        var msg = await combined.Task.WaitAsync(FakeIrcServer.Timeout);
        Assert.Equal("hello\n\nhow is everyone?", msg.Text);
        Assert.Equal("ml1", msg.MsgId);
        Assert.Equal(4, msg.Lines.Count);
    }

    [Fact]
    public async Task Netsplit_batch_updates_state_and_is_reported()
    {
        var server = new FakeIrcServer();
        await using var conn = Create(server);
        var connect = conn.ConnectAsync(Ct);
        var s = await server.NextSessionAsync();
        await s.RegisterAsync("batch multi-prefix");
        await connect.WaitAsync(FakeIrcServer.Timeout);
        var batchTcs = new TaskCompletionSource<IrcBatch>();
        conn.BatchReceived += (_, e) => batchTcs.TrySetResult(e.Batch);

        await s.SendAsync(":me!user@fake.host JOIN #c", ":srv 353 me = #c :@me aji nenolod", ":srv 366 me #c :End");
        await Wait.UntilAsync(() => conn.GetChannel("#c")?.MemberCount == 3, "names");
        await s.SendAsync(
            ":srv BATCH +yX netsplit irc.hub other.host",
            "@batch=yX :aji!a@a QUIT :irc.hub other.host",
            "@batch=yX :nenolod!a@a QUIT :irc.hub other.host",
            ":srv BATCH -yX");
        var batch = await batchTcs.Task.WaitAsync(FakeIrcServer.Timeout);
        Assert.Equal("netsplit", batch.Type);
        Assert.Equal(2, batch.Messages.Count);
        Assert.Equal(1, conn.GetChannel("#c")!.MemberCount);
    }

    [Fact]
    public async Task Reconnects_and_rejoins_after_the_server_closes()
    {
        var server = new FakeIrcServer();
        await using var conn = Create(server);
        var disconnected = new TaskCompletionSource<IrcDisconnectedEventArgs>();
        var reconnected = new TaskCompletionSource<IrcConnectedEventArgs>();
        conn.Disconnected += (_, e) => disconnected.TrySetResult(e);
        conn.Connected += (_, e) => { if (e.IsReconnect) { reconnected.TrySetResult(e); } };
        var connect = conn.ConnectAsync(Ct);
        var s = await server.NextSessionAsync();
        await s.RegisterAsync("");
        await connect.WaitAsync(FakeIrcServer.Timeout);
        await s.SendAsync(":me!u@h JOIN #one", ":me!u@h JOIN #two", ":srv 366 me #two :End");
        await Wait.UntilAsync(() => conn.Channels.Count == 2, "joined two channels");

        await s.SendAsync("ERROR :Closing link: (u@h) [Killed (admin (test))]");
        await s.CloseAsync();
        var d = await disconnected.Task.WaitAsync(FakeIrcServer.Timeout);
        Assert.Equal(IrcDisconnectReason.ServerError, d.Reason);
        Assert.True(d.WillReconnect);
        Assert.Contains("Killed", d.Message, StringComparison.Ordinal);

        var s2 = await server.NextSessionAsync();
        await s2.RegisterAsync("");
        Assert.Equal("JOIN #one,#two", await s2.ExpectCommandAsync("JOIN"));
        await reconnected.Task.WaitAsync(FakeIrcServer.Timeout);
    }

    [Fact]
    public async Task Lines_sent_while_disconnected_go_out_after_reconnect_in_order()
    {
        var server = new FakeIrcServer();
        await using var conn = Create(server);
        var connect = conn.ConnectAsync(Ct);
        var s = await server.NextSessionAsync();
        await s.RegisterAsync("");
        await connect.WaitAsync(FakeIrcServer.Timeout);
        await s.CloseAsync();
        await Wait.UntilAsync(() => !conn.IsConnected, "disconnect noticed");

        var sends = Enumerable.Range(0, 5).Select(i => conn.SendPrivmsgAsync("#c", $"m{i}", null, Ct)).ToList();
        var s2 = await server.NextSessionAsync();
        await s2.RegisterAsync("");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal($"PRIVMSG #c m{i}", await s2.ExpectCommandAsync("PRIVMSG"));
        }

        await Task.WhenAll(sends).WaitAsync(FakeIrcServer.Timeout);
    }

    [Fact]
    public async Task Disconnect_sends_quit_after_queued_lines_and_stops_reconnecting()
    {
        var server = new FakeIrcServer();
        await using var conn = Create(server);
        var disconnected = new TaskCompletionSource<IrcDisconnectedEventArgs>();
        conn.Disconnected += (_, e) => disconnected.TrySetResult(e);
        var connect = conn.ConnectAsync(Ct);
        var s = await server.NextSessionAsync();
        await s.RegisterAsync("");
        await connect.WaitAsync(FakeIrcServer.Timeout);

        var sends = Enumerable.Range(0, 3).Select(i => conn.SendPrivmsgAsync("#c", $"m{i}", null, Ct)).ToList();
        var disconnect = conn.DisconnectAsync("bye now", Ct);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal($"PRIVMSG #c m{i}", await s.ReadLineAsync());
        }

        Assert.Equal("QUIT :bye now", await s.ReadLineAsync());
        await s.SendAsync("ERROR :Closing link: (me@h) [Quit: bye now]");
        await s.CloseAsync();
        await disconnect.WaitAsync(FakeIrcServer.Timeout);
        var e = await disconnected.Task.WaitAsync(FakeIrcServer.Timeout);
        Assert.Equal(IrcDisconnectReason.Requested, e.Reason);
        Assert.False(e.WillReconnect);
        await Task.WhenAll(sends).WaitAsync(FakeIrcServer.Timeout);
        await Assert.ThrowsAsync<IrcConnectionException>(() => conn.SendPrivmsgAsync("#c", "late", null, Ct));
    }
}
