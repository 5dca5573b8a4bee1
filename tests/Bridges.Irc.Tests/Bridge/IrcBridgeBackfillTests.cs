using System.Globalization;
using Bridges.Irc.Tests.Support;

namespace Bridges.Irc.Tests.Bridge;

/// <summary>
/// Backfill through IRCv3 draft/chathistory, end to end against the scripted server (our InspIRCd does not offer
/// it): the relay bot reads a new portal's history, which reaches the room with its original times, once.
/// </summary>
public sealed class IrcBridgeBackfillTests
{
    private const string Caps = "batch message-tags server-time draft/chathistory";
    private const string ISupport = "CASEMAPPING=ascii CHANTYPES=# PREFIX=(ov)@+ NICKLEN=30 CHATHISTORY=100";

    [Fact]
    public async Task New_portal_gets_the_channels_chathistory_with_original_times_and_a_racing_live_line_once()
    {
        await using var fake = new FakeIrcTcpServer();
        var (h, relay) = await IrcBridgeFakeServerTests.StartAsync(fake, Caps, ISupport);
        await using var _h = h;
        var alice = await h.Host.CreateUserAsync("alice");
        var room = await IrcBridgeFakeServerTests.JoinPortalAsync(h, relay, alice, "#hist", "bob");

        Assert.Equal("CHATHISTORY LATEST #hist * 50", await relay.ExpectAsync(l => l.StartsWith("CHATHISTORY ", StringComparison.Ordinal)));
        // A live line arrives while the backfill waits for its answer, and the answer holds it too.
        await relay.SendAsync(
            "@time=2024-05-01T10:02:00.000Z;msgid=h4 :bob!b@fake.host PRIVMSG #hist :racing",
            ":srv BATCH +h chathistory #hist",
            "@batch=h;time=2024-05-01T10:00:00.000Z;msgid=h1 :bob!b@fake.host PRIVMSG #hist :from the past",
            "@batch=h;time=2024-05-01T10:01:00.000Z;msgid=h2 :carol!c@fake.host PRIVMSG #hist :\u0001ACTION was here\u0001",
            $"@batch=h;time=2024-05-01T10:01:30.000Z;msgid=h3 :{h.RelayNick}!bridge@fake.host PRIVMSG #hist :the relay's own line",
            "@batch=h;time=2024-05-01T10:02:00.000Z;msgid=h4 :bob!b@fake.host PRIVMSG #hist :racing",
            ":srv BATCH -h");

        // The core asks for the page before the oldest line it got, until a page brings nothing new.
        Assert.Equal("CHATHISTORY BEFORE #hist timestamp=2024-05-01T10:00:00.000Z 47", await relay.ExpectAsync(l => l.StartsWith("CHATHISTORY ", StringComparison.Ordinal)));
        await relay.SendAsync(":srv BATCH +e chathistory #hist", ":srv BATCH -e");

        await relay.SendAsync("@time=2024-05-01T10:03:00.000Z;msgid=h5 :bob!b@fake.host PRIVMSG #hist :later");
        await alice.WaitForMessageAsync(room, b => b == "later");
        var messages = (await alice.GetMessagesAsync(room)).Where(e => e.GetProperty("type").GetString() == "m.room.message").ToList();
        Assert.Equal(["from the past", "was here", "racing", "later"], messages.Select(IrcBridgeHarness.Body));
        Assert.Equal([h.Ghost("bob"), h.Ghost("carol"), h.Ghost("bob"), h.Ghost("bob")], messages.Select(e => e.GetProperty("sender").GetString()));
        Assert.Equal(["2024-05-01T10:00:00Z", "2024-05-01T10:01:00Z", "2024-05-01T10:02:00Z"],
            messages.Take(3).Select(e => DateTimeOffset.FromUnixTimeMilliseconds(e.GetProperty("origin_server_ts").GetInt64()).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));
        Assert.Equal("m.emote", messages[1].GetProperty("content").GetProperty("msgtype").GetString());
        h.Host.Homeserver?.AssertNoSpecViolations();
    }

    [Fact]
    public async Task Server_without_chathistory_gets_no_query_and_the_portal_works_as_before()
    {
        await using var fake = new FakeIrcTcpServer();
        var (h, relay) = await IrcBridgeFakeServerTests.StartAsync(fake, "batch message-tags server-time", ISupport);
        await using var _h = h;
        var alice = await h.Host.CreateUserAsync("alice");
        var room = await IrcBridgeFakeServerTests.JoinPortalAsync(h, relay, alice, "#nohist", "bob");

        await relay.SendAsync("@msgid=n1 :bob!b@fake.host PRIVMSG #nohist :hello");
        await alice.WaitForMessageAsync(room, b => b == "hello");
        await relay.SendAsync("PING :probe");
        await relay.ExpectAsync(l => l.StartsWith("PONG", StringComparison.Ordinal));
        Assert.DoesNotContain(relay.Received, l => l.StartsWith("CHATHISTORY", StringComparison.Ordinal));
    }
}
