using Bridges.Core.Tests.Support;
using Bridges.Loopback;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Tests;

/// <summary>
/// A Matrix message is marked sending before the network call; after a crash between the network taking it and the
/// bridge mapping it, the network is asked (IDeliveryProbe) instead of being sent the message again.
/// </summary>
public sealed class DeliveryProbeTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Message_the_network_took_before_a_crash_is_settled_by_the_probe_not_sent_again(bool networkCanTell)
    {
        // No echoes and no catch-up: either would find the message in the network's history and map it on its own,
        // hiding what the probe does.
        var network = new LoopbackNetwork { EchoSends = false, ProbeDeliveries = networkCanTell };
        await using var h = await LoopbackHarness.StartAsync((c, _, _) => c["backfill:enabled"] = "false", network);
        var carol = h.Network.AddUser("carol", "Carol", "carol-pw");
        var me = await h.UserAsync("me");
        await h.LoginAsync(me, carol, "carol-pw");
        var room = await h.OpenPortalAsync(me, "probe");

        network.HangAfterAccept = true;
        var evt = await me.SendTextAsync(room, "exactly once");
        await network.WaitForSentAsync(s => s.Text == "exactly once");
        await h.Host.KillAsync();
        network.HangAfterAccept = false;
        await h.Host.RestartAsync();

        // The event comes again from the inbox; once it is mapped, it is settled.
        var mapped = await WaitForMappingAsync(h, room, evt);
        Assert.Equal(network.Sent.Single(s => s.Text == "exactly once").MessageId, mapped);
        Assert.Equal(1, network.Probes);
        // Where the network could tell, nothing was sent twice; where it could not, the bridge sent again (and only
        // the loopback network's own dedup kept the copy out).
        Assert.Equal(networkCanTell ? 0 : 1, network.SuppressedDuplicateSends);
        Assert.Null(await h.Bridge.Stores.KeyValues.GetAsync("delivery:sending:" + evt.Value, CancellationToken.None));
    }

    private static async Task<Bridges.Core.Network.Ids.RemoteMessageId> WaitForMappingAsync(LoopbackHarness h, RoomId room, EventId evt)
    {
        using var timeout = new CancellationTokenSource(LoopbackHarness.Timeout);
        while (true)
        {
            if (await h.Bridge.Stores.Messages.GetByEventAsync(room, evt, CancellationToken.None) is { } record)
            {
                return record.RemoteId;
            }

            await Task.Delay(50, timeout.Token);
        }
    }
}
