using Bridges.Irc.Client;
using Bridges.Irc.Tests.Support;

namespace Bridges.Irc.Tests.Unit;

/// <summary>
/// IRCv3 draft/chathistory at the client layer, against the scripted server: our InspIRCd test server does not offer
/// it. The query's answer is one chathistory batch; its lines are returned, never raised as new messages.
/// </summary>
public sealed class IrcChatHistoryTests
{
    private const string Caps = "batch server-time message-tags draft/multiline draft/chathistory";
    private const string ISupport = "CASEMAPPING=rfc1459 CHANTYPES=# PREFIX=(ov)@+ NICKLEN=30 CHATHISTORY=20 MSGREFTYPES=timestamp,msgid";
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Chathistory_latest_returns_the_batch_as_chat_messages_with_ids_and_times_and_raises_none_of_them()
    {
        var server = new FakeIrcServer();
        await using var conn = IrcConnectionProtocolTests.Create(server);
        var live = new System.Collections.Concurrent.ConcurrentQueue<IrcChatMessage>();
        conn.ChatMessageReceived += (_, e) => live.Enqueue(e.Message);
        var s = await ConnectAsync(server, conn);
        Assert.Contains(IrcChatHistoryRequest.Capability, conn.EnabledCapabilities);
        Assert.True(conn.SupportsChatHistory);

        var query = conn.ChatHistoryAsync(IrcChatHistoryRequest.Latest("#Chan", 10), Ct);
        Assert.Equal("CHATHISTORY LATEST #Chan * 10", await s.ExpectAsync(l => l.StartsWith("CHATHISTORY", StringComparison.Ordinal)));
        await s.SendAsync(
            ":srv BATCH +h1 chathistory #chan",
            "@batch=h1;time=2024-05-01T10:00:00.000Z;msgid=a1 :alice!a@h PRIVMSG #chan :first",
            // A live line in the middle of the answer stays live.
            "@time=2024-05-06T12:00:00.000Z;msgid=l1 :carol!c@h PRIVMSG #chan :live meanwhile",
            "@batch=h1;time=2024-05-01T10:01:00.000Z;msgid=a2 :bob!b@h PRIVMSG #chan :\u0001ACTION waves\u0001",
            "@batch=h1;time=2024-05-01T10:02:00.000Z;msgid=a3 :me!u@h NOTICE #chan :mine",
            "@batch=h1;time=2024-05-01T10:03:00.000Z;msgid=a4 :alice!a@h BATCH +m1 draft/multiline #chan",
            "@batch=m1 :alice!a@h PRIVMSG #chan :line one",
            "@batch=m1 :alice!a@h PRIVMSG #chan :line two",
            "@batch=h1 BATCH -m1",
            ":srv BATCH -h1");
        var history = await query.WaitAsync(FakeIrcServer.Timeout);

        Assert.Equal(["first", "waves", "mine", "line one\nline two"], history.Select(m => m.Text));
        Assert.Equal(["a1", "a2", "a3", "a4"], history.Select(m => m.MsgId));
        Assert.Equal([IrcChatMessageKind.Privmsg, IrcChatMessageKind.Action, IrcChatMessageKind.Notice, IrcChatMessageKind.Privmsg], history.Select(m => m.Kind));
        Assert.Equal(DateTimeOffset.Parse("2024-05-01T10:01:00Z", System.Globalization.CultureInfo.InvariantCulture), history[1].Time);
        Assert.Equal(DateTimeOffset.Parse("2024-05-01T10:03:00Z", System.Globalization.CultureInfo.InvariantCulture), history[3].Time);
        Assert.Equal([false, false, true, false], history.Select(m => m.IsEcho));
        Assert.All(history, m => Assert.True(m.IsChannel));

        await s.SendAsync("@msgid=l2 :carol!c@h PRIVMSG #chan :live after");
        await Wait.UntilAsync(() => live.Count == 2, "the live lines");
        Assert.Equal(["live meanwhile", "live after"], live.Select(m => m.Text));
    }

    [Fact]
    public async Task Chathistory_after_and_before_send_timestamp_anchors_with_the_limit_the_server_allows()
    {
        var server = new FakeIrcServer();
        await using var conn = IrcConnectionProtocolTests.Create(server);
        var s = await ConnectAsync(server, conn);
        var at = new DateTimeOffset(2024, 5, 1, 10, 0, 0, 250, TimeSpan.FromHours(2));

        var after = conn.ChatHistoryAsync(IrcChatHistoryRequest.After("#chan", at, 500), Ct);
        Assert.Equal("CHATHISTORY AFTER #chan timestamp=2024-05-01T08:00:00.250Z 20", await s.ExpectAsync(l => l.StartsWith("CHATHISTORY", StringComparison.Ordinal)));
        await s.SendAsync(":srv BATCH +e chathistory #chan", ":srv BATCH -e");
        Assert.Empty(await after.WaitAsync(FakeIrcServer.Timeout));

        var before = conn.ChatHistoryAsync(IrcChatHistoryRequest.Before("#chan", at, 5), Ct);
        Assert.Equal("CHATHISTORY BEFORE #chan timestamp=2024-05-01T08:00:00.250Z 5", await s.ExpectAsync(l => l.StartsWith("CHATHISTORY", StringComparison.Ordinal)));
        // An answer for another target is not ours.
        await s.SendAsync(":srv BATCH +x chathistory #other", "@batch=x;msgid=o1 :bob!b@h PRIVMSG #other :elsewhere", ":srv BATCH -x",
            ":srv BATCH +b chathistory #chan", "@batch=b;time=2024-05-01T07:59:00.000Z;msgid=b1 :bob!b@h PRIVMSG #chan :earlier", ":srv BATCH -b");
        Assert.Equal(["earlier"], (await before.WaitAsync(FakeIrcServer.Timeout)).Select(m => m.Text));
    }

    [Fact]
    public async Task Chathistory_is_refused_without_the_capability_and_a_FAIL_answer_throws()
    {
        var plainServer = new FakeIrcServer();
        await using (var plain = IrcConnectionProtocolTests.Create(plainServer))
        {
            var connect = plain.ConnectAsync(Ct);
            var session = await plainServer.NextSessionAsync();
            await session.RegisterAsync("batch server-time");
            await connect.WaitAsync(FakeIrcServer.Timeout);
            Assert.False(plain.SupportsChatHistory);
            await Assert.ThrowsAsync<InvalidOperationException>(() => plain.ChatHistoryAsync(IrcChatHistoryRequest.Latest("#chan", 10), Ct));
        }

        var server = new FakeIrcServer();
        await using var conn = IrcConnectionProtocolTests.Create(server);
        var s = await ConnectAsync(server, conn);
        var query = conn.ChatHistoryAsync(IrcChatHistoryRequest.Latest("#secret", 10), Ct);
        await s.ExpectAsync(l => l.StartsWith("CHATHISTORY", StringComparison.Ordinal));
        await s.SendAsync(":srv FAIL CHATHISTORY INVALID_TARGET LATEST #secret :Messages could not be retrieved");
        var refused = await Assert.ThrowsAsync<IrcCommandException>(() => query.WaitAsync(FakeIrcServer.Timeout));
        Assert.Equal("INVALID_TARGET", refused.Code);

        // The connection goes on: the next query is answered.
        var next = conn.ChatHistoryAsync(IrcChatHistoryRequest.Latest("#chan", 1), Ct);
        await s.ExpectAsync(l => l.StartsWith("CHATHISTORY LATEST #chan", StringComparison.Ordinal));
        await s.SendAsync(":srv BATCH +n chathistory #chan", "@batch=n;msgid=n1 :bob!b@h PRIVMSG #chan :hello", ":srv BATCH -n");
        Assert.Equal("n1", Assert.Single(await next.WaitAsync(FakeIrcServer.Timeout)).MsgId);
    }

    private static async Task<FakeIrcServer.Session> ConnectAsync(FakeIrcServer server, IrcConnection conn)
    {
        var connect = conn.ConnectAsync(Ct);
        var s = await server.NextSessionAsync();
        await s.RegisterAsync(Caps, isupport: ISupport);
        await connect.WaitAsync(FakeIrcServer.Timeout);
        return s;
    }
}
