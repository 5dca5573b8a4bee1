using Bridges.Core.Network.Ids;
using Bridges.Irc.Bridge;
using Bridges.Irc.Tests.Support;
using Bridges.Matrix.Ids;
using Bridges.Testing;

namespace Bridges.Irc.Tests.Bridge;

/// <summary>
/// The bridge end to end against a scripted server (<see cref="FakeIrcTcpServer"/>), for what InspIRCd lacks:
/// <c>draft/relaymsg</c>, <c>REDACT</c>, a CASEMAPPING other than rfc1459. The network runs in relay mode, so the relay
/// bot is the only connection.
/// </summary>
public sealed class IrcBridgeFakeServerTests
{
    private const string AsciiISupport = "CASEMAPPING=ascii CHANTYPES=# PREFIX=(ov)@+ NICKLEN=30";

    internal static async Task<(IrcBridgeHarness H, FakeIrcServer.Session Relay)> StartAsync(FakeIrcTcpServer fake, string caps, string isupport = AsciiISupport,
        Action<IDictionary<string, string?>>? configure = null)
    {
        var h = await IrcBridgeHarness.StartAsync(configure: c =>
        {
            c[$"bridges:irc:networks:{IrcBridgeHarness.Network}:mode"] = "relay";
            configure?.Invoke(c);
        }, fake: fake);
        var relay = await fake.NextSessionAsync();
        await relay.RegisterAsync(caps, h.RelayNick, isupport);
        await Wait.UntilAsync(() => h.NetworkContext.Relay.Connection?.IsConnected == true, "the relay registered");
        return (h, relay);
    }

    /// <summary>Joins the portal of <paramref name="channel"/> through its alias, answering the relay's JOIN as a server would.</summary>
    internal static async Task<RoomId> JoinPortalAsync(IrcBridgeHarness h, FakeIrcServer.Session relay, MatrixTestUser user, string channel, params string[] members)
    {
        var join = h.JoinPortalAsync(user, channel);
        await relay.ExpectAsync(l => l == $"JOIN {channel}");
        await relay.SendAsync(
            $":{h.RelayNick}!bridge@fake.host JOIN {channel}",
            $":srv 353 {h.RelayNick} = {channel} :{string.Join(' ', [h.RelayNick, .. members])}",
            $":srv 366 {h.RelayNick} {channel} :End of /NAMES list.");
        return await join;
    }

    [Fact]
    public async Task Ids_made_while_the_relay_is_disconnected_fold_with_the_networks_casemapping()
    {
        await using var fake = new FakeIrcTcpServer();
        var (h, _) = await StartAsync(fake, "server-time");
        await using var _h = h;
        var network = h.NetworkContext;

        // ascii folds only A-Z: "[" and "{" stay two characters (rfc1459 would make them one).
        var connectedUser = network.UserId("Bob[away]");
        var connectedPortal = await network.Relay.ResolveIdentifierAsync("#Chan[x]", CancellationToken.None);
        Assert.Equal(new RemoteUserId($"{IrcBridgeHarness.Network}/bob[away]"), connectedUser);
        Assert.Equal(IrcIds.Channel(IrcBridgeHarness.Network, "#chan[x]"), connectedPortal);

        fake.DropAll();
        await Wait.UntilAsync(() => network.Relay.Connection?.IsConnected != true, "the relay lost its connection");

        Assert.Equal(connectedUser, network.UserId("Bob[away]"));
        Assert.Equal(connectedPortal, await network.Relay.ResolveIdentifierAsync("#Chan[x]", CancellationToken.None));
        Assert.Equal("bob{x}", network.Fold("Bob{X}"));
        Assert.NotEqual(network.Fold("bob[x]"), network.Fold("bob{x}"));

        // A restart (a new context on the same store) knows the mapping before it ever connects.
        await Wait.UntilAsync(async () => await network.Host.Store.GetAsync($"irc/network/{IrcBridgeHarness.Network}/casemapping", CancellationToken.None) == "ascii",
            "the mapping is stored");
        await using var restarted = new IrcNetworkContext(IrcBridgeHarness.Network, network.Options, network.Connector);
        await restarted.LoadAsync(CancellationToken.None);
        Assert.Equal(connectedUser, restarted.UserId("Bob[away]"));
    }

    [Fact]
    public async Task Redact_from_irc_redacts_the_bridged_matrix_event()
    {
        await using var fake = new FakeIrcTcpServer();
        var (h, relay) = await StartAsync(fake, "message-tags server-time draft/message-redaction");
        await using var _h = h;
        var alice = await h.Host.CreateUserAsync("alice");
        var room = await JoinPortalAsync(h, relay, alice, "#redact", "bob");

        await relay.SendAsync("@msgid=m1 :bob!b@fake.host PRIVMSG #redact :doomed line", "@msgid=m2 :bob!b@fake.host PRIVMSG #redact :kept line");
        var doomed = await alice.WaitForMessageAsync(room, b => b == "doomed line");
        await alice.WaitForMessageAsync(room, b => b == "kept line");
        await relay.SendAsync(":bob!b@fake.host REDACT #redact m1 :oops");

        var redaction = await alice.WaitForEventAsync(room, e => e.GetProperty("type").GetString() == "m.room.redaction");
        var redacts = redaction.TryGetProperty("redacts", out var top) ? top.GetString() : redaction.GetProperty("content").GetProperty("redacts").GetString();
        Assert.Equal(doomed.GetProperty("event_id").GetString(), redacts);
        Assert.Equal(h.Ghost("bob"), redaction.GetProperty("sender").GetString());
    }

    private const string RelayCaps = "message-tags server-time echo-message draft/relaymsg=/";

    [Fact]
    public async Task Refused_relaymsg_falls_back_to_a_templated_privmsg()
    {
        await using var fake = new FakeIrcTcpServer();
        var (h, relay) = await StartAsync(fake, RelayCaps);
        await using var _h = h;
        var alice = await h.Host.CreateUserAsync("alice");
        var room = await JoinPortalAsync(h, relay, alice, "#refuse", "bob");

        await alice.SendTextAsync(room, "do not lose me");
        var relayed = await relay.ExpectAsync(l => l.StartsWith("RELAYMSG #refuse ", StringComparison.Ordinal));
        Assert.EndsWith(" :do not lose me", relayed, StringComparison.Ordinal);
        await relay.SendAsync($":srv FAIL RELAYMSG PRIVS_NEEDED :You cannot relay messages");

        var plain = await relay.ExpectAsync(l => l.StartsWith("PRIVMSG #refuse ", StringComparison.Ordinal));
        Assert.Matches("^PRIVMSG #refuse :<[^>]+> do not lose me$", plain);
        await relay.SendAsync($"@msgid=p1 :{h.RelayNick}!bridge@fake.host {plain}");

        // Delivered: no failure notice reaches the room, and the bridge goes on with the next message.
        await alice.SendTextAsync(room, "next");
        await relay.ExpectAsync(l => l.StartsWith("RELAYMSG #refuse ", StringComparison.Ordinal) && l.EndsWith(" next", StringComparison.Ordinal));
        Assert.DoesNotContain(alice.Timeline(room), e => e.GetProperty("sender").GetString() == h.Host.Bridge.Bridge.Intents.BotUserId.Value
            && e.GetProperty("type").GetString() == "m.room.message");
    }

    [Fact]
    public async Task Relaymsg_echo_is_not_bridged_back_as_a_duplicate()
    {
        await using var fake = new FakeIrcTcpServer();
        var (h, relay) = await StartAsync(fake, RelayCaps);
        await using var _h = h;
        var alice = await h.Host.CreateUserAsync("alice");
        var room = await JoinPortalAsync(h, relay, alice, "#echo", "bob");

        var sent = await alice.SendTextAsync(room, "relayed once");
        var line = await relay.ExpectAsync(l => l.StartsWith("RELAYMSG #echo ", StringComparison.Ordinal));
        var spoofed = line.Split(' ')[2];
        Assert.Contains("/", spoofed, StringComparison.Ordinal);
        // Ergo's echo: the spoofed nick as source, the relayer in the draft/relaymsg tag.
        await relay.SendAsync($"@msgid=r1;draft/relaymsg={h.RelayNick} :{spoofed}!relay@fake.host PRIVMSG #echo :relayed once");

        await alice.SendTextAsync(room, "relayed twice");
        await relay.ExpectAsync(l => l.StartsWith("RELAYMSG #echo ", StringComparison.Ordinal) && l.EndsWith(" :relayed twice", StringComparison.Ordinal));
        // A server that leaves the tag out: the spoofed nick we just used still gives it away.
        await relay.SendAsync($"@msgid=r2 :{spoofed}!relay@fake.host PRIVMSG #echo :relayed twice");

        // The relayed line kept the server's msgid: an IRC reply to it is a Matrix reply to alice's event.
        await relay.SendAsync("@msgid=b1;+reply=r1 :bob!b@fake.host PRIVMSG #echo :reply to the relayed line");
        var reply = await alice.WaitForMessageAsync(room, b => b == "reply to the relayed line");
        Assert.Equal(sent.Value, reply.GetProperty("content").GetProperty("m.relates_to").GetProperty("m.in_reply_to").GetProperty("event_id").GetString());
        Assert.DoesNotContain(alice.Timeline(room), e => e.GetProperty("type").GetString() == "m.room.message" && e.GetProperty("sender").GetString() != alice.UserId.Value
            && IrcBridgeHarness.Body(e).StartsWith("relayed", StringComparison.Ordinal));
    }
}
