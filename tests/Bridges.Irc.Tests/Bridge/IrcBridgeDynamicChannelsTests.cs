using System.Net;
using Bridges.Irc.Tests.Support;

namespace Bridges.Irc.Tests.Bridge;

/// <summary>Which channels an alias may open (<c>dynamic_channels</c>): anything else gets a 404, no portal and no relay JOIN.</summary>
public sealed class IrcBridgeDynamicChannelsTests
{
    private const string N = $"bridges:irc:networks:{IrcBridgeHarness.Network}:dynamicchannels:";

    [Fact]
    public async Task Alias_query_for_a_channel_outside_dynamic_channels_creates_no_portal_and_no_join()
    {
        await using var h = await IrcBridgeHarness.StartAsync(configure: c =>
        {
            c[N + "allow:0"] = "#DynOk*";
            c[N + "exclude:0"] = "#dynoknot*";
        });
        var alice = await h.Host.CreateUserAsync("alice");
        var allowed = IrcTestEnv.UniqueChannel("dynok");
        var excluded = IrcTestEnv.UniqueChannel("dynoknot");
        var other = IrcTestEnv.UniqueChannel("dynother");

        await h.JoinPortalAsync(alice, allowed);
        Assert.NotNull(h.NetworkContext.Relay.Connection!.GetChannel(allowed));

        foreach (var refused in new[] { excluded, other })
        {
            var error = await Assert.ThrowsAsync<HttpRequestException>(() => h.JoinPortalAsync(alice, refused));
            Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
            Assert.Null(h.NetworkContext.Relay.Connection!.GetChannel(refused));
            Assert.Null(await h.Host.Bridge.Bridge.GetPortalRoomAsync(Bridges.Irc.Bridge.IrcIds.Channel(IrcBridgeHarness.Network, refused), CancellationToken.None));
        }
    }

    [Fact]
    public async Task Alias_query_creates_nothing_while_dynamic_channels_are_off()
    {
        var configured = IrcTestEnv.UniqueChannel("dyncfg");
        await using var h = await IrcBridgeHarness.StartAsync(configure: c =>
        {
            c[N + "enabled"] = "false";
            c[$"bridges:irc:networks:{IrcBridgeHarness.Network}:channels:0"] = configured;
        });
        var alice = await h.Host.CreateUserAsync("alice");
        var channel = IrcTestEnv.UniqueChannel("dynoff");

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => h.JoinPortalAsync(alice, channel));
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Null(h.NetworkContext.Relay.Connection?.GetChannel(channel));

        // A configured channel may still have its portal made.
        Assert.True(await h.NetworkContext.Connector.MayCreatePortalAsync(Bridges.Irc.Bridge.IrcIds.Channel(IrcBridgeHarness.Network, configured), CancellationToken.None));
    }
}
