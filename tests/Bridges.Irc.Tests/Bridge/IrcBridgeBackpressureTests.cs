using Bridges.Testing;
using Bridges.Irc.Tests.Support;

namespace Bridges.Irc.Tests.Bridge;

/// <summary>
/// IRC events go straight to their portals' bounded queues: a stalled homeserver makes the bridge stop reading IRC and
/// nothing is lost, and a homeserver slow for one channel's room does not hold up the others.
/// </summary>
public sealed class IrcBridgeBackpressureTests
{
    [Fact]
    public async Task Stalled_homeserver_stops_the_irc_reader_at_the_inbox_bound_and_loses_nothing()
    {
        const int Capacity = 3;
        const int Lines = 40;
        await using var fake = new FakeIrcTcpServer();
        PausableTcpProxy? homeserver = null;
        var (h, relay) = await IrcBridgeFakeServerTests.StartAsync(fake, "server-time", configure: c =>
        {
            // The bridge reaches the homeserver through a proxy the test can stall; the test's own users go direct.
            var url = new Uri(c["homeserver:url"]!);
            homeserver = new PausableTcpProxy((url.Host, url.Port));
            c["homeserver:url"] = homeserver.Url.ToString();
            c[$"bridges:irc:networks:{IrcBridgeHarness.Network}:inboxcapacity"] = Capacity.ToString(System.Globalization.CultureInfo.InvariantCulture);
            // The portal's own queue fills first; then the events waiting for room on it hold the reader.
            c["bridges:irc:portalqueuecapacity"] = "2";
        });
        var proxy = homeserver!;
        await using var _p = proxy;
        await using var _h = h;
        var alice = await h.Host.CreateUserAsync("alice");
        var room = await IrcBridgeFakeServerTests.JoinPortalAsync(h, relay, alice, "#slow", "bob");
        await relay.SendAsync("@msgid=w0 :bob!b@fake.host PRIVMSG #slow :warm-up");
        await alice.WaitForMessageAsync(room, b => b == "warm-up");
        var network = h.NetworkContext;

        proxy.Pause();
        await relay.SendAsync([.. Enumerable.Range(1, Lines).Select(i => $"@msgid=m{i} :bob!b@fake.host PRIVMSG #slow :line {i}")]);

        // The reader stops with the queue at its bound, though the lines are waiting on the socket.
        await Wait.UntilAsync(() => network.Relay.Connection!.IsReadPaused, "the relay stopped reading");
        Assert.Equal(Capacity, network.QueuedEvents);

        proxy.Resume();
        await alice.WaitForMessageAsync(room, b => b == $"line {Lines}", TimeSpan.FromSeconds(60));
        var bodies = alice.Timeline(room).Where(e => e.GetProperty("type").GetString() == "m.room.message").Select(IrcBridgeHarness.Body)
            .Where(b => b.StartsWith("line ", StringComparison.Ordinal)).ToList();
        Assert.Equal(Enumerable.Range(1, Lines).Select(i => $"line {i}"), bodies);
        Assert.False(network.Relay.Connection!.IsReadPaused);
    }

    [Fact]
    public async Task Homeserver_slow_for_one_channel_does_not_delay_another_channel_of_the_network()
    {
        await using var fake = new FakeIrcTcpServer();
        HoldingHttpProxy? homeserver = null;
        var (h, relay) = await IrcBridgeFakeServerTests.StartAsync(fake, "server-time", configure: c =>
        {
            // Only the bridge goes through the proxy; the test's users talk to the homeserver directly.
            homeserver = HoldingHttpProxy.StartAsync(new Uri(c["homeserver:url"]!)).GetAwaiter().GetResult();
            c["homeserver:url"] = homeserver.Url.ToString();
        });
        var proxy = homeserver!;
        await using var _p = proxy;
        await using var _h = h;
        var alice = await h.Host.CreateUserAsync("alice");
        var slow = await IrcBridgeFakeServerTests.JoinPortalAsync(h, relay, alice, "#slow", "bob");
        var fast = await IrcBridgeFakeServerTests.JoinPortalAsync(h, relay, alice, "#fast", "bob");
        await relay.SendAsync("@msgid=w1 :bob!b@fake.host PRIVMSG #slow :warm-up slow", "@msgid=w2 :bob!b@fake.host PRIVMSG #fast :warm-up fast");
        await alice.WaitForMessageAsync(slow, b => b == "warm-up slow");
        await alice.WaitForMessageAsync(fast, b => b == "warm-up fast");

        using (proxy.Hold(r => r.Method == "PUT" && r.Path.Value!.Contains($"/rooms/{slow.Value}/send/", StringComparison.Ordinal)))
        {
            // The #slow line comes first on the wire and its send to Matrix hangs; the #fast line behind it goes on.
            await relay.SendAsync("@msgid=s1 :bob!b@fake.host PRIVMSG #slow :stuck", "@msgid=f1 :bob!b@fake.host PRIVMSG #fast :through");
            await Wait.UntilAsync(() => proxy.HeldRequests > 0, "the #slow message is held at the homeserver");
            await alice.WaitForMessageAsync(fast, b => b == "through");
            Assert.DoesNotContain(alice.Timeline(slow), e => e.GetProperty("type").GetString() == "m.room.message" && IrcBridgeHarness.Body(e) == "stuck");
        }

        await alice.WaitForMessageAsync(slow, b => b == "stuck");
    }

    [Fact]
    public async Task Full_inbox_does_not_stop_the_reader_while_a_send_waits_for_its_echo()
    {
        // The portal's queue is busy with a Matrix message waiting for its IRC echo, so the event pump is stuck
        // behind it and the inbox fills up; the echo can only come through the reader, which must read on.
        await using var fake = new FakeIrcTcpServer();
        var (h, relay) = await IrcBridgeFakeServerTests.StartAsync(fake, "server-time echo-message",
            configure: c => c[$"bridges:irc:networks:{IrcBridgeHarness.Network}:inboxcapacity"] = "2");
        await using var _h = h;
        var alice = await h.Host.CreateUserAsync("alice");
        var room = await IrcBridgeFakeServerTests.JoinPortalAsync(h, relay, alice, "#busy", "bob");

        await alice.SendTextAsync(room, "from matrix");
        var sent = await relay.ExpectAsync(l => l.StartsWith("PRIVMSG #busy ", StringComparison.Ordinal));
        await relay.SendAsync([.. Enumerable.Range(1, 10).Select(i => $"@msgid=b{i} :bob!b@fake.host PRIVMSG #busy :line {i}")]);
        await relay.SendAsync($"@msgid=e1 :{h.RelayNick}!bridge@fake.host {sent}");

        await alice.WaitForMessageAsync(room, b => b == "line 10", TimeSpan.FromSeconds(10));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"line {i}"), alice.Timeline(room).Where(e => e.GetProperty("type").GetString() == "m.room.message")
            .Select(IrcBridgeHarness.Body).Where(b => b.StartsWith("line ", StringComparison.Ordinal)));
        Assert.DoesNotContain(alice.Timeline(room), e => e.GetProperty("sender").GetString() == h.Host.Bridge.Bridge.Intents.BotUserId.Value
            && e.GetProperty("type").GetString() == "m.room.message");
    }
}
