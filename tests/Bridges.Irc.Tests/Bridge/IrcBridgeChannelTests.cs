using System.Text.Json;
using Bridges.Irc.Tests.Support;

namespace Bridges.Irc.Tests.Bridge;

/// <summary>Channel state both ways: modes and power levels, topic, kicks, quits (debounced) and nick changes.</summary>
public sealed class IrcBridgeChannelTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static bool IsMember(JsonElement e, string user, string membership) =>
        e.GetProperty("type").GetString() == "m.room.member" && e.GetProperty("state_key").GetString() == user
        && e.GetProperty("content").GetProperty("membership").GetString() == membership;

    private static Func<JsonElement, bool> PowerLevel(string user, long level) =>
        e => e.GetProperty("type").GetString() == "m.room.power_levels" && IrcBridgeHarness.LevelIn(e, user) == level;

    [Fact]
    public async Task Irc_modes_become_power_levels_and_topic_and_kick_reach_matrix()
    {
        await using var h = await IrcBridgeHarness.StartAsync();
        var channel = IrcTestEnv.UniqueChannel("ops");
        var bob = await h.IrcUserAsync("opsbob");
        await bob.JoinAsync(channel, null, Ct);
        var carol = await h.IrcUserAsync("opscarol");
        await carol.JoinAsync(channel, null, Ct);
        var alice = await h.Host.CreateUserAsync("alice");
        var room = await h.JoinPortalAsync(alice, channel);
        var ghost = h.Ghost(carol.Nick);
        await alice.WaitForEventAsync(room, e => IsMember(e, ghost, "join"));
        await IrcBridgeHarness.OpAsync(bob, channel);
        await alice.WaitForEventAsync(room, PowerLevel(h.Ghost(bob.Nick), 50));

        await bob.SetModeAsync(channel, "+o", [carol.Nick], Ct);
        await alice.WaitForEventAsync(room, PowerLevel(ghost, 50));
        await bob.SetModeAsync(channel, "-o+v", [carol.Nick, carol.Nick], Ct);
        await alice.WaitForEventAsync(room, PowerLevel(ghost, 10));
        await bob.SetModeAsync(channel, "-v", [carol.Nick], Ct);
        await alice.WaitForEventAsync(room, PowerLevel(ghost, 0));

        await bob.SetTopicAsync(channel, "a topic from IRC", Ct);
        var topic = await alice.WaitForEventAsync(room, e => e.GetProperty("type").GetString() == "m.room.topic");
        Assert.Equal("a topic from IRC", topic.GetProperty("content").GetProperty("topic").GetString());

        await bob.KickAsync(channel, carol.Nick, "behave", Ct);
        var kick = await alice.WaitForEventAsync(room, e => IsMember(e, ghost, "leave"));
        Assert.Equal("behave", kick.GetProperty("content").GetProperty("reason").GetString());
        Assert.NotEqual(ghost, kick.GetProperty("sender").GetString());
        h.Host.Homeserver?.AssertNoSpecViolations();
    }

    [Fact]
    public async Task Power_levels_topic_and_kicks_from_matrix_reach_irc()
    {
        await using var h = await IrcBridgeHarness.StartAsync();
        var channel = IrcTestEnv.UniqueChannel("mxops");
        var bob = await h.IrcUserAsync("mxbob");
        var bobSees = new ChatCollector(bob);
        await bob.JoinAsync(channel, null, Ct);
        await IrcBridgeHarness.OpAsync(bob, channel);
        var carol = await h.IrcUserAsync("mxcarol");
        await carol.JoinAsync(channel, null, Ct);
        var dave = await h.Host.CreateUserAsync("dave");
        var room = await h.BridgedRoomAsync(dave, channel);
        var ghost = h.Ghost(carol.Nick);
        await dave.WaitForEventAsync(room, e => IsMember(e, ghost, "join"));

        // dave's puppet joins when he first speaks; bob makes it an op so it may change the channel.
        await dave.SendTextAsync(room, "hello");
        var puppet = IrcBridgeHarness.PuppetNick(dave);
        await bobSees.WaitForChatsAsync(c => c.Any(m => m.Source.Nick == puppet), "dave's puppet speaks");
        await bob.SetModeAsync(channel, "+o", [puppet], Ct);
        await Wait.UntilAsync(() => bob.GetChannel(channel)!.TryGetMember(puppet, out var m) && m!.HasPrefix('@'), "the puppet is an op");

        await IrcBridgeHarness.SetPowerLevelAsync(dave, room, ghost, 50);
        await Wait.UntilAsync(() => bob.GetChannel(channel)!.TryGetMember(carol.Nick, out var m) && m!.HasPrefix('@'), "carol got +o from Matrix");
        await IrcBridgeHarness.SetPowerLevelAsync(dave, room, ghost, 10);
        await Wait.UntilAsync(() => bob.GetChannel(channel)!.TryGetMember(carol.Nick, out var m) && m!.Prefixes == "+", "carol went from op to voice");

        await dave.SendAsync(HttpMethod.Put, $"_matrix/client/v3/rooms/{Uri.EscapeDataString(room.Value)}/state/m.room.topic/", new System.Text.Json.Nodes.JsonObject { ["topic"] = "set in Matrix" });
        await Wait.UntilAsync(() => bob.GetChannel(channel)!.Topic == "set in Matrix", "the topic on IRC");

        await dave.SendAsync(HttpMethod.Post, $"_matrix/client/v3/rooms/{Uri.EscapeDataString(room.Value)}/kick", new System.Text.Json.Nodes.JsonObject { ["user_id"] = ghost, ["reason"] = "spam" });
        var kicked = await bobSees.WaitForRawAsync(r => r.Any(m => m.Command == "KICK" && m.Param(1) == carol.Nick), "carol kicked on IRC");
        var kick = kicked.First(m => m.Command == "KICK");
        Assert.Equal(puppet, kick.SourceNick);
        Assert.Equal("spam", kick.Param(2));
    }

    [Fact]
    public async Task A_quick_reconnect_shows_nothing_and_a_real_quit_leaves_after_the_debounce()
    {
        await using var h = await IrcBridgeHarness.StartAsync(configure: c => c["bridges:irc:networks:test:quitdebounce"] = "00:00:04");
        var channel = IrcTestEnv.UniqueChannel("quit");
        var bob = await h.IrcUserAsync("quitbob");
        await bob.JoinAsync(channel, null, Ct);
        var nick = IrcTestEnv.UniqueNick("quitcarol");
        var carol = await IrcTestEnv.ConnectAsync(IrcTestEnv.Options(nick));
        await carol.JoinAsync(channel, null, Ct);
        var alice = await h.Host.CreateUserAsync("alice");
        var room = await h.JoinPortalAsync(alice, channel);
        var ghost = h.Ghost(nick);
        await alice.WaitForEventAsync(room, e => IsMember(e, ghost, "join"));

        // Quit and come straight back (a client restart): Matrix sees neither a leave nor a second join.
        var firstQuit = System.Diagnostics.Stopwatch.StartNew();
        await carol.DisposeAsync();
        await Wait.UntilAsync(() => bob.GetChannel(channel)!.TryGetMember(nick, out _) == false, "bob saw the quit");
        await using (var back = await IrcTestEnv.ConnectAsync(IrcTestEnv.Options(nick)))
        {
            await back.JoinAsync(channel, null, Ct);
            Assert.True(firstQuit.Elapsed < TimeSpan.FromSeconds(4), "the rejoin came within the debounce");
            await Wait.UntilAsync(() => firstQuit.Elapsed > TimeSpan.FromSeconds(5), "the first quit's debounce has run out");
            await bob.SendPrivmsgAsync(channel, "marker", null, Ct);
            await alice.WaitForMessageAsync(room, b => b == "marker");
            Assert.DoesNotContain(alice.Timeline(room), e => IsMember(e, ghost, "leave"));
            Assert.Single(alice.Timeline(room), e => IsMember(e, ghost, "join"));

            // Now gone for good: the ghost leaves, once the debounce has passed.
            firstQuit.Restart();
        }

        var leave = await alice.WaitForEventAsync(room, e => IsMember(e, ghost, "leave"), TimeSpan.FromSeconds(20));
        Assert.True(firstQuit.Elapsed >= TimeSpan.FromSeconds(3.5), $"left after {firstQuit.Elapsed}");
        Assert.Equal(ghost, leave.GetProperty("sender").GetString());
    }

    [Fact]
    public async Task Nick_changes_move_to_another_ghost_or_rename_it()
    {
        await using var h = await IrcBridgeHarness.StartAsync();
        var channel = IrcTestEnv.UniqueChannel("nick");
        var bob = await h.IrcUserAsync("nickbob");
        await bob.JoinAsync(channel, null, Ct);
        var alice = await h.Host.CreateUserAsync("alice");
        var room = await h.JoinPortalAsync(alice, channel);
        await alice.WaitForEventAsync(room, e => IsMember(e, h.Ghost(bob.Nick), "join"));

        var old = bob.Nick;
        var renamed = IrcTestEnv.UniqueNick("nickrob");
        await bob.ChangeNickAsync(renamed, Ct);
        var left = await alice.WaitForEventAsync(room, e => IsMember(e, h.Ghost(old), "leave"));
        Assert.Equal($"Now known as {renamed}", left.GetProperty("content").GetProperty("reason").GetString());
        await alice.WaitForEventAsync(room, e => IsMember(e, h.Ghost(renamed), "join"));

        // Same nick in another case: the same ghost, renamed.
        await bob.ChangeNickAsync(renamed.ToUpperInvariant(), Ct);
        var profile = await alice.WaitForEventAsync(room, e => IsMember(e, h.Ghost(renamed), "join")
            && e.GetProperty("content").TryGetProperty("displayname", out var name) && name.GetString() == renamed.ToUpperInvariant() + " (IRC)");
        Assert.NotNull(profile.GetProperty("content").GetProperty("displayname").GetString());
    }
}
