using Bridges.Irc.Client;
using Bridges.Irc.Tests.Support;

namespace Bridges.Irc.Tests.Unit;

/// <summary>RELAYMSG (draft/relaymsg) is confirmed line by line: a labeled reply or echo gives the msgid, FAIL throws.</summary>
public sealed class IrcRelayMsgTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static async Task<(IrcConnection Connection, FakeIrcServer.Session Session)> ConnectAsync(FakeIrcServer server, string caps)
    {
        var conn = IrcConnectionProtocolTests.Create(server);
        var connect = conn.ConnectAsync(Ct);
        var s = await server.NextSessionAsync();
        await s.RegisterAsync(caps);
        await connect.WaitAsync(FakeIrcServer.Timeout);
        return (conn, s);
    }

    [Fact]
    public async Task Relaymsg_fail_throws_and_its_labeled_echo_gives_the_msgid()
    {
        var server = new FakeIrcServer();
        var (conn, s) = await ConnectAsync(server, "message-tags labeled-response batch draft/relaymsg=/");
        await using var _ = conn;

        var refused = conn.SendRelayMsgAsync("#c", "alice/m", "hello", Ct);
        var line = await s.ExpectAsync(l => l.Contains("RELAYMSG", StringComparison.Ordinal));
        var label = line[(line.IndexOf("label=", StringComparison.Ordinal) + 6)..line.IndexOf(' ', StringComparison.Ordinal)];
        Assert.EndsWith("RELAYMSG #c alice/m hello", line, StringComparison.Ordinal);
        await s.SendAsync($"@label={label} :srv FAIL RELAYMSG PRIVS_NEEDED :You cannot relay");
        var error = await Assert.ThrowsAsync<IrcCommandException>(() => refused.WaitAsync(FakeIrcServer.Timeout));
        Assert.Equal(IrcCommands.Fail, error.Reply!.Command);

        var accepted = conn.SendRelayMsgAsync("#c", "alice/m", "hello again", Ct);
        line = await s.ExpectAsync(l => l.Contains("RELAYMSG", StringComparison.Ordinal));
        label = line[(line.IndexOf("label=", StringComparison.Ordinal) + 6)..line.IndexOf(' ', StringComparison.Ordinal)];
        await s.SendAsync($"@label={label};msgid=x1;draft/relaymsg=me :alice/m!relay@fake.host PRIVMSG #c :hello again");
        var result = Assert.Single(await accepted.WaitAsync(FakeIrcServer.Timeout));
        Assert.Equal("x1", result.MsgId);
    }

    [Fact]
    public async Task Relaymsg_fail_throws_when_confirmed_by_echo_message()
    {
        var server = new FakeIrcServer();
        var (conn, s) = await ConnectAsync(server, "message-tags echo-message draft/relaymsg=/");
        await using var _ = conn;

        var refused = conn.SendRelayMsgAsync("#c", "alice/m", "hello", Ct);
        await s.ExpectAsync(l => l == "RELAYMSG #c alice/m hello");
        await s.SendAsync(":srv FAIL RELAYMSG INVALID_NICK alice/m :Invalid nickname");
        await Assert.ThrowsAsync<IrcCommandException>(() => refused.WaitAsync(FakeIrcServer.Timeout));

        var accepted = conn.SendRelayMsgAsync("#c", "alice/m", "fine", Ct);
        await s.ExpectAsync(l => l == "RELAYMSG #c alice/m fine");
        await s.SendAsync("@msgid=x2 :alice/m!relay@fake.host PRIVMSG #c fine");
        Assert.Equal("x2", Assert.Single(await accepted.WaitAsync(FakeIrcServer.Timeout)).MsgId);
    }

    [Theory]
    [InlineData("#c\r\nQUIT", "alice/m")]
    [InlineData("#c", "alice/m\r\nQUIT :x")]
    [InlineData("#c", "alice m")]
    public async Task Relaymsg_target_and_nick_cannot_inject_lines(string target, string nick)
    {
        var server = new FakeIrcServer();
        var (conn, _) = await ConnectAsync(server, "message-tags draft/relaymsg=/");
        await using var _c = conn;

        await Assert.ThrowsAsync<ArgumentException>(() => conn.SendRelayMsgAsync(target, nick, "hi", Ct));
    }
}
