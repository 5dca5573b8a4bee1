using Bridges.Irc.Tests.Support;

namespace Bridges.Irc.Tests.Bridge;

/// <summary>Private messages: an IRC user writing to a puppet opens a DM room for its Matrix user, and back.</summary>
public sealed class IrcBridgePrivateTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Private_messages_flow_both_ways_through_a_dm_room()
    {
        await using var h = await IrcBridgeHarness.StartAsync();
        var channel = IrcTestEnv.UniqueChannel("pm");
        var bob = await h.IrcUserAsync("pmbob");
        var bobSees = new ChatCollector(bob);
        await bob.JoinAsync(channel, null, Ct);
        var alice = await h.Host.CreateUserAsync("alice");
        await h.JoinPortalAsync(alice, channel);
        var puppet = IrcBridgeHarness.PuppetNick(alice);
        await Wait.UntilAsync(() => bob.GetChannel(channel)?.TryGetMember(puppet, out _) == true, "alice's puppet is on IRC", TimeSpan.FromSeconds(20));

        await bob.SendPrivmsgAsync(puppet, "psst, alice", null, Ct);
        var dm = await alice.WaitForInviteAsync();
        var message = await alice.WaitForMessageAsync(dm, b => b == "psst, alice");
        Assert.Equal(h.Ghost(bob.Nick), message.GetProperty("sender").GetString());
        Assert.NotNull(await alice.GetStateEventAsync(dm, "m.room.member", h.Ghost(bob.Nick)));
        Assert.Null(await alice.GetStateEventAsync(dm, "m.room.name"));

        await alice.SendTextAsync(dm, "hi bob, only you see this");
        var got = await bobSees.WaitForChatsAsync(c => c.Any(m => m.Text == "hi bob, only you see this"), "the private answer");
        var answer = got.Single(m => m.Text == "hi bob, only you see this");
        Assert.False(answer.IsChannel);
        Assert.Equal(puppet, answer.Source.Nick);
    }

    [Fact]
    public async Task The_pm_command_opens_a_private_chat_from_matrix()
    {
        await using var h = await IrcBridgeHarness.StartAsync();
        var carol = await h.IrcUserAsync("pmcarol");
        var carolSees = new ChatCollector(carol);
        var alice = await h.Host.CreateUserAsync("alice");
        var management = await h.ManagementRoomAsync(alice);
        await h.CommandAsync(alice, management, "login puppet", b => b.StartsWith("Logged in", StringComparison.Ordinal));

        await h.CommandAsync(alice, management, $"pm {carol.Nick}", b => b.StartsWith("Opening a private chat", StringComparison.Ordinal));
        var dm = await alice.WaitForInviteAsync(r => r != management);
        await alice.WaitForEventAsync(dm, e => e.GetProperty("type").GetString() == "m.room.member" && e.GetProperty("state_key").GetString() == alice.UserId.Value
            && e.GetProperty("content").GetProperty("membership").GetString() == "join");
        await alice.SendTextAsync(dm, "hello carol");

        var got = await carolSees.WaitForChatsAsync(c => c.Any(m => m.Text == "hello carol"), "the message to carol");
        Assert.Equal(IrcBridgeHarness.PuppetNick(alice), got.Single(m => m.Text == "hello carol").Source.Nick);
        await carol.SendPrivmsgAsync(IrcBridgeHarness.PuppetNick(alice), "hello alice", null, Ct);
        await alice.WaitForMessageAsync(dm, b => b == "hello alice");
    }
}
