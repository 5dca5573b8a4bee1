using Bridges.Irc.Client;
using Bridges.Irc.Tests.Support;

namespace Bridges.Irc.Tests.Integration;

/// <summary>Member/prefix/topic tracking from real server traffic.</summary>
public sealed class ChannelStateIntegrationTests
{
    [Fact]
    public async Task Member_prefixes_follow_mode_changes_and_topic_and_kick_are_tracked()
    {
        var channel = IrcTestEnv.UniqueChannel("state");
        await using var op = await IrcTestEnv.ConnectAsync(IrcTestEnv.Options(IrcTestEnv.UniqueNick("stateop")));
        await using var user = await IrcTestEnv.ConnectAsync(IrcTestEnv.Options(IrcTestEnv.UniqueNick("stateus")));
        await op.JoinAsync(channel, null, IrcTestEnv.Ct);
        await user.JoinAsync(channel, null, IrcTestEnv.Ct);
        await Wait.UntilAsync(() => op.GetChannel(channel)?.MemberCount == 2, "op sees both members");

        // This server does not op a channel's creator, so the op gets it from SAMODE as an IRC operator.
        await op.SendAsync(new IrcMessage("OPER", "admin", "password"), IrcTestEnv.Ct);
        await op.SendLabeledAsync(new IrcMessage("SAMODE", channel, "+o", op.Nick), IrcTestEnv.Ct);
        await op.SetModeAsync(channel, "+v", [user.Nick], IrcTestEnv.Ct);
        await op.SetModeAsync(channel, "+ntl", ["42"], IrcTestEnv.Ct);

        IrcChannelMember? Member(IrcConnection c, string nick) => c.GetChannel(channel)!.TryGetMember(nick, out var m) ? m : null;
        await Wait.UntilAsync(() => Member(user, user.Nick)?.Prefixes == "+" && Member(user, op.Nick)?.Prefixes == "@", "user sees @op and +user");
        Assert.Equal("@", Member(op, op.Nick)!.Prefixes);
        Assert.Equal("+", Member(op, user.Nick)!.Prefixes);
        // The op's MODE completes on its own echo; the other member sees it a moment later.
        await Wait.UntilAsync(() => user.GetChannel(channel)!.Modes.ContainsKey('l'), "user sees +l");
        Assert.Equal("42", user.GetChannel(channel)!.Modes['l']);
        Assert.Equal("Bridges test " + user.Nick, Member(op, user.Nick)!.RealName); // extended-join
        Assert.Equal("bt", Member(op, user.Nick)!.User);

        await op.SetModeAsync(channel, "+o-v", [user.Nick, user.Nick], IrcTestEnv.Ct);
        await Wait.UntilAsync(() => Member(user, user.Nick)?.Prefixes == "@", "user is op without voice");
        await op.SetModeAsync(channel, "+v", [user.Nick], IrcTestEnv.Ct);
        await Wait.UntilAsync(() => Member(op, user.Nick)?.Prefixes == "@+", "multi-prefix order @+");

        await user.SetTopicAsync(channel, "Topic with \u00fcnicode", IrcTestEnv.Ct);
        await Wait.UntilAsync(() => op.GetChannel(channel)?.Topic == "Topic with \u00fcnicode", "topic tracked");
        Assert.Equal(user.Nick, op.GetChannel(channel)!.TopicSetBy);

        await op.KickAsync(channel, user.Nick, "bye", IrcTestEnv.Ct);
        await Wait.UntilAsync(() => user.GetChannel(channel) is null && op.GetChannel(channel)?.MemberCount == 1, "kick tracked on both sides");

        // An error numeric for a MODE we may not set surfaces as an exception (labeled-response).
        var other = IrcTestEnv.UniqueChannel("stateother");
        await user.JoinAsync(other, null, IrcTestEnv.Ct);
        var ex = await Assert.ThrowsAsync<IrcCommandException>(() => user.SetModeAsync(other, "+v", [op.Nick], IrcTestEnv.Ct));
        Assert.True(ex.Code is "482" or "441", ex.Message);
    }

    [Fact]
    public async Task Without_member_tracking_only_channel_names_are_kept()
    {
        var channel = IrcTestEnv.UniqueChannel("lean");
        await using var conn = await IrcTestEnv.ConnectAsync(IrcTestEnv.Options(IrcTestEnv.UniqueNick("lean"), trackMembers: false));
        await conn.JoinAsync(channel, null, IrcTestEnv.Ct);
        var state = Assert.Single(conn.Channels);
        Assert.Equal(channel, state.Name);
        Assert.Equal(0, state.MemberCount);
        await conn.PartAsync(channel, "done", IrcTestEnv.Ct);
        Assert.Empty(conn.Channels);
    }
}
