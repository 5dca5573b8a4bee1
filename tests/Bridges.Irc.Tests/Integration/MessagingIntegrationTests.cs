using System.Text;
using Bridges.Irc.Client;
using Bridges.Irc.Tests.Support;

namespace Bridges.Irc.Tests.Integration;

/// <summary>Two real connections talking: tags, echo, splitting, injection, client tags.</summary>
public sealed class MessagingIntegrationTests
{
    private static async Task<(IrcConnection A, IrcConnection B, ChatCollector BChats, string Channel)> PairInChannelAsync(string prefix)
    {
        var channel = IrcTestEnv.UniqueChannel(prefix);
        var aTask = IrcTestEnv.ConnectAsync(IrcTestEnv.Options(IrcTestEnv.UniqueNick(prefix + "a")));
        var bTask = IrcTestEnv.ConnectAsync(IrcTestEnv.Options(IrcTestEnv.UniqueNick(prefix + "b")));
        var a = await aTask;
        var b = await bTask;
        var bChats = new ChatCollector(b);
        await a.JoinAsync(channel, null, IrcTestEnv.Ct);
        await b.JoinAsync(channel, null, IrcTestEnv.Ct);
        await Wait.UntilAsync(() => a.GetChannel(channel)?.MemberCount == 2, "A sees B in the channel");
        return (a, b, bChats, channel);
    }

    [Fact]
    public async Task Privmsg_notice_and_action_arrive_with_server_time_and_msgid_and_echo_is_awaited()
    {
        var (a, b, bChats, channel) = await PairInChannelAsync("msg");
        await using var _ = a;
        await using var __ = b;

        var privmsg = Assert.Single(await a.SendPrivmsgAsync(channel, "hello \u00e9\u20ac\U0001F600", null, IrcTestEnv.Ct));
        var notice = Assert.Single(await a.SendNoticeAsync(channel, "a notice", null, IrcTestEnv.Ct));
        var action = Assert.Single(await a.SendActionAsync(channel, "waves", null, IrcTestEnv.Ct));
        var direct = Assert.Single(await a.SendPrivmsgAsync(b.Nick, "just for you", null, IrcTestEnv.Ct));

        // echo-message + labeled-response: the awaited result carries the server's msgid and time.
        foreach (var r in new[] { privmsg, notice, action, direct })
        {
            Assert.False(string.IsNullOrEmpty(r.MsgId));
            Assert.NotNull(r.Time);
            Assert.InRange(r.Time!.Value, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));
        }

        var got = await bChats.WaitForChatsAsync(c => c.Count(m => m.Source.Nick == a.Nick) >= 4, "four messages from A");
        var fromA = got.Where(m => m.Source.Nick == a.Nick).ToList();
        Assert.Equal(
            [
                (IrcChatMessageKind.Privmsg, "hello \u00e9\u20ac\U0001F600", true),
                (IrcChatMessageKind.Notice, "a notice", true),
                (IrcChatMessageKind.Action, "waves", true),
                (IrcChatMessageKind.Privmsg, "just for you", false),
            ],
            fromA.Select(m => (m.Kind, m.Text, m.IsChannel)));

        // The receiver sees the same ids and times the sender got back.
        Assert.Equal([privmsg.MsgId, notice.MsgId, action.MsgId, direct.MsgId], fromA.Select(m => m.MsgId));
        Assert.Equal([privmsg.Time, notice.Time, action.Time, direct.Time], fromA.Select(m => (DateTimeOffset?)m.Time));
        Assert.All(fromA, m => Assert.False(m.IsEcho));
        Assert.Equal(b.Nick, fromA[3].Target);
        Assert.Equal(a.Nick, fromA[3].ReplyTarget);
    }

    [Fact]
    public async Task A_2000_byte_message_is_split_into_lines_that_arrive_in_order_within_512_bytes()
    {
        var (a, b, bChats, channel) = await PairInChannelAsync("split");
        await using var _ = a;
        await using var __ = b;

        var sb = new StringBuilder();
        for (var i = 0; Encoding.UTF8.GetByteCount(sb.ToString()) < 2000; i++)
        {
            sb.Append(i % 5 == 0 ? $"w\u00f6rd{i}\U0001F600 " : $"\u65e5\u672c\u8a9e{i} ");
        }

        var text = sb.ToString().TrimEnd();
        Assert.InRange(Encoding.UTF8.GetByteCount(text), 2000, 2100);
        var results = await a.SendPrivmsgAsync(channel, text, null, IrcTestEnv.Ct);
        Assert.InRange(results.Count, 5, 8);

        var got = await bChats.WaitForChatsAsync(c => c.Count(m => m.Source.Nick == a.Nick) == results.Count, "all split lines");
        var lines = got.Where(m => m.Source.Nick == a.Nick).ToList();
        Assert.Equal(text, string.Concat(lines.Select(m => m.Text)));
        Assert.Equal(results.Select(r => r.MsgId), lines.Select(m => m.MsgId));
        foreach (var m in lines)
        {
            // The line as relayed, without tags: ":nick!user@host PRIVMSG #chan :text\r\n".
            var raw = m.Lines[0];
            var relayed = new IrcMessage(IrcTags.Empty, raw.Source, raw.Command, [.. raw.Params]).ToString();
            Assert.True(Encoding.UTF8.GetByteCount(relayed) + 2 <= 512, $"relayed line is {Encoding.UTF8.GetByteCount(relayed) + 2} bytes");
            Assert.Equal(m.Text, Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(m.Text))); // no broken UTF-8
            Assert.DoesNotContain('\uFFFD', m.Text);
        }

        // The budget is used: the server did not have to truncate, and lines are not needlessly short.
        Assert.True(lines.Max(m => Encoding.UTF8.GetByteCount(m.Text)) > 400);
    }

    [Fact]
    public async Task Crlf_in_text_cannot_inject_a_command_on_the_real_server()
    {
        var (a, b, bChats, channel) = await PairInChannelAsync("inj");
        await using var _ = a;
        await using var __ = b;

        var results = await a.SendPrivmsgAsync(channel, "hi\r\nQUIT :x\nPART " + channel, null, IrcTestEnv.Ct);
        Assert.Equal(3, results.Count);
        var got = await bChats.WaitForChatsAsync(c => c.Count(m => m.Source.Nick == a.Nick) == 3, "three separate PRIVMSGs");
        Assert.Equal(["hi", "QUIT :x", "PART " + channel], got.Where(m => m.Source.Nick == a.Nick).Select(m => m.Text));
        Assert.True(a.IsConnected);
        Assert.NotNull(a.GetChannel(channel));
        Assert.DoesNotContain(bChats.Raw, m => m.Command is "QUIT" or "PART" && m.SourceNick == a.Nick);
    }

    [Fact]
    public async Task Tagmsg_client_tags_typing_react_and_reply_are_delivered()
    {
        var (a, b, bChats, channel) = await PairInChannelAsync("tag");
        await using var _ = a;
        await using var __ = b;

        var original = Assert.Single(await a.SendPrivmsgAsync(channel, "react to me", null, IrcTestEnv.Ct));
        var typing = await a.SendTagMsgAsync(channel, IrcTags.Empty.With("+typing", "active"), IrcTestEnv.Ct);
        Assert.NotNull(typing.MsgId);
        await a.SendTagMsgAsync(channel, IrcTags.Empty.With("+draft/react", "\U0001F44D; ok").With("+draft/reply", original.MsgId), IrcTestEnv.Ct);
        await a.SendPrivmsgAsync(channel, "a reply", IrcTags.Empty.With("+draft/reply", original.MsgId), IrcTestEnv.Ct);

        var got = await bChats.WaitForChatsAsync(c => c.Count(m => m.Source.Nick == a.Nick) == 4, "message, typing, reaction, reply");
        var fromA = got.Where(m => m.Source.Nick == a.Nick).ToList();
        Assert.Equal(IrcChatMessageKind.TagMsg, fromA[1].Kind);
        Assert.Equal("active", fromA[1].Tags["+typing"]);
        Assert.Equal("\U0001F44D; ok", fromA[2].Tags["+draft/react"]);
        Assert.Equal(original.MsgId, fromA[2].Tags["+draft/reply"]);
        Assert.Equal((IrcChatMessageKind.Privmsg, original.MsgId), (fromA[3].Kind, fromA[3].Tags["+draft/reply"]));
    }

    [Fact]
    public async Task Errors_from_the_server_surface_as_command_exceptions()
    {
        await using var a = await IrcTestEnv.ConnectAsync(IrcTestEnv.Options(IrcTestEnv.UniqueNick("err")));
        var ex = await Assert.ThrowsAsync<IrcCommandException>(() => a.SendPrivmsgAsync(IrcTestEnv.UniqueNick("nobody"), "hi", null, IrcTestEnv.Ct));
        Assert.Equal("401", ex.Code);
        Assert.Null(await a.WhoisAsync(IrcTestEnv.UniqueNick("ghost"), IrcTestEnv.Ct));
        var me = await a.WhoisAsync(a.Nick, IrcTestEnv.Ct);
        Assert.Equal(("bt", "Bridges test " + a.Nick), (me!.User, me.RealName));
    }
}
