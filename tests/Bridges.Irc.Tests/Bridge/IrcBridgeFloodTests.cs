using Bridges.Irc.Tests.Support;

namespace Bridges.Irc.Tests.Bridge;

/// <summary>Bursts from Matrix: every message arrives, in order, and flood control keeps the connection alive.</summary>
public sealed class IrcBridgeFloodTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    /// <summary>400 bytes: a three-digit sequence number, a space and filler.</summary>
    private static string Payload(int i) => $"{i:D3} " + new string((char)('a' + (i % 26)), 396);

    internal static async Task BurstAsync(IrcBridgeHarness h, int count, string prefix, TimeSpan timeout)
    {
        var channel = IrcTestEnv.UniqueChannel(prefix);
        // The reader sits on the permissive port; only the bridge's connections face the harness's (maybe strict) port.
        var bob = await h.IrcUserAsync(prefix + "bob", IrcTestEnv.Plain);
        var bobSees = new ChatCollector(bob);
        await bob.JoinAsync(channel, null, Ct);
        var alice = await h.Host.CreateUserAsync("alice");
        var room = await h.JoinPortalAsync(alice, channel);
        var puppet = IrcBridgeHarness.PuppetNick(alice);
        await Wait.UntilAsync(() => bob.GetChannel(channel)?.TryGetMember(puppet, out _) == true, "alice's puppet joined", TimeSpan.FromSeconds(20));

        for (var i = 0; i < count; i++)
        {
            await alice.SendTextAsync(room, Payload(i));
        }

        var got = await bobSees.WaitForChatsAsync(c => c.Count(m => m.Source.Nick == puppet) >= count, $"all {count} messages", timeout);
        Assert.Equal(Enumerable.Range(0, count).Select(Payload), got.Where(m => m.Source.Nick == puppet).Select(m => m.Text));
        Assert.DoesNotContain(bobSees.Raw, m => m.Command == "QUIT" && m.SourceNick == puppet);
        Assert.True(bob.GetChannel(channel)!.TryGetMember(puppet, out _), "the puppet is still in the channel");
        Assert.DoesNotContain(alice.Timeline(room), e => e.GetProperty("type").GetString() == "m.room.message"
            && e.GetProperty("sender").GetString() == h.Host.Bridge.Bridge.Intents.BotUserId.Value);
    }

    [Fact]
    public async Task On_the_normal_port_500_messages_arrive_in_order()
    {
        await using var h = await IrcBridgeHarness.StartAsync();
        await BurstAsync(h, 500, "burst", TimeSpan.FromSeconds(90));
    }
}

/// <summary>The strict port (fakelag after 20 lines at ~5/s, 8 KB receive queue), paced like a public network.</summary>
public sealed class IrcBridgeStrictFloodTests
{
    [Fact]
    public async Task On_the_strict_port_200_long_messages_arrive_in_order_without_a_flood_kill()
    {
        // Pacing below the server's 5 lines/s with a burst well inside its 20-line budget and 8 KB queue.
        await using var h = await IrcBridgeHarness.StartAsync(IrcTestEnv.Strict, c =>
        {
            c["bridges:irc:networks:test:floodburst"] = "10";
            c["bridges:irc:networks:test:floodinterval"] = "00:00:00.220";
        });
        await IrcBridgeFloodTests.BurstAsync(h, 200, "strict", TimeSpan.FromSeconds(120));
    }
}
