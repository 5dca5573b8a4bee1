using Bridges.Irc.Client;
using Bridges.Irc.Tests.Support;

namespace Bridges.Irc.Tests.Integration;

/// <summary>KILL by an IRC operator, then automatic reconnect and rejoin.</summary>
public sealed class ReconnectIntegrationTests
{
    [Fact]
    public async Task Reconnects_after_a_kill_and_rejoins_its_channels()
    {
        var ch1 = IrcTestEnv.UniqueChannel("rejoin");
        var ch2 = IrcTestEnv.UniqueChannel("rejoin");
        await using var victim = await IrcTestEnv.ConnectAsync(IrcTestEnv.Options(IrcTestEnv.UniqueNick("victim")));
        await using var oper = await IrcTestEnv.ConnectAsync(IrcTestEnv.Options(IrcTestEnv.UniqueNick("oper")));
        await victim.JoinAsync(ch1, null, IrcTestEnv.Ct);
        await victim.JoinAsync(ch2, null, IrcTestEnv.Ct);
        await oper.JoinAsync(ch1, null, IrcTestEnv.Ct);

        var disconnected = new TaskCompletionSource<IrcDisconnectedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reconnected = new TaskCompletionSource<IrcConnectedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        victim.Disconnected += (_, e) => disconnected.TrySetResult(e);
        victim.Connected += (_, e) => reconnected.TrySetResult(e);
        var operChats = new ChatCollector(oper);

        await oper.SendLabeledAsync(new IrcMessage("OPER", "admin", "password"), IrcTestEnv.Ct);
        await oper.SendLabeledAsync(new IrcMessage("KILL", victim.Nick, "reconnect test"), IrcTestEnv.Ct);

        var d = await disconnected.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(IrcDisconnectReason.ServerError, d.Reason);
        Assert.Contains("Killed", d.Message, StringComparison.Ordinal);
        Assert.True(d.WillReconnect);

        var c = await reconnected.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(c.IsReconnect);
        await Wait.UntilAsync(() => victim.GetChannel(ch1) is not null && victim.GetChannel(ch2) is not null, "victim rejoined both channels");
        await operChats.WaitForRawAsync(r => r.Any(m => m.Command == "JOIN" && m.SourceNick == victim.Nick && m.Params[0] == ch1), "oper sees the rejoin");

        // The reconnected session is fully usable.
        var sent = await victim.SendPrivmsgAsync(ch1, "back again", null, IrcTestEnv.Ct);
        Assert.NotNull(Assert.Single(sent).MsgId);
        await operChats.WaitForChatsAsync(m => m.Any(x => x.Text == "back again"), "message after reconnect");
    }
}
