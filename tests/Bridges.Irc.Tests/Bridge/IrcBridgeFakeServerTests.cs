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
}
