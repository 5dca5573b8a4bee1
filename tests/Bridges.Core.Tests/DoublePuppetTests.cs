using Bridges.Core.Network;
using Bridges.Core.Tests.Support;
using Bridges.Loopback;

namespace Bridges.Core.Tests;

public sealed class DoublePuppetTests
{
    [Fact]
    public async Task Message_from_the_users_other_client_appears_from_their_own_account_and_from_a_ghost_once_turned_off()
    {
        // The test registration's non-exclusive e2e_ namespace lets the bridge's own token act as test users.
        await using var h = await LoopbackHarness.StartAsync((c, registration, server) => c[$"doublepuppet:servers:{server}"] = "as_token:" + registration.AsToken);
        var carol = h.Network.AddUser("carol", "Carol", "carol-pw");
        var me = await h.UserAsync("me");
        await h.LoginAsync(me, carol, "carol-pw");
        var room = await h.OpenPortalAsync(me, "phone");

        var fromPhone = carol.Send("phone", "sent from my phone");

        Assert.Equal(RemoteEventResult.Bridged, await fromPhone.Acknowledged.WaitAsync(LoopbackHarness.Timeout));
        var puppeted = await me.WaitForMessageAsync(room, b => b == "sent from my phone");
        Assert.Equal(me.UserId.Value, puppeted.Sender());
        // Not bridged back: a later message of the same room reached the network, that one did not.
        await me.SendTextAsync(room, "barrier");
        await h.Network.WaitForSentAsync(s => s.Text == "barrier");
        Assert.DoesNotContain(h.Network.Sent, s => s.Text == "sent from my phone");

        var dm = await h.OpenManagementRoomAsync(me);
        await h.CommandAsync(me, dm, "double-puppet off", b => b.StartsWith("Double puppeting is off", StringComparison.Ordinal));
        var again = carol.Send("phone", "sent from my phone again");

        Assert.Equal(RemoteEventResult.Bridged, await again.Acknowledged.WaitAsync(LoopbackHarness.Timeout));
        var ghosted = await me.WaitForMessageAsync(room, b => b == "sent from my phone again");
        Assert.Equal(h.Ghost(carol).Value, ghosted.Sender());
        Assert.Single(h.Network.Sent, s => s.Kind == LoopbackSentKind.Message);
        h.Host.Homeserver?.AssertNoSpecViolations();
    }

    [Fact]
    public async Task A_read_on_the_users_other_client_marks_the_room_read_as_them_and_is_not_sent_back()
    {
        await using var h = await LoopbackHarness.StartAsync((c, registration, server) => c[$"doublepuppet:servers:{server}"] = "as_token:" + registration.AsToken);
        var carol = h.Network.AddUser("carol", "Carol", "carol-pw");
        var me = await h.UserAsync("me");
        await h.LoginAsync(me, carol, "carol-pw");
        var room = await h.OpenPortalAsync(me, "reader");
        var fromAlice = h.Network.Alice.Send("reader", "read me elsewhere");
        var aliceEvent = await me.WaitForMessageAsync(room, b => b == "read me elsewhere");

        var read = carol.Read("reader", fromAlice.MessageId!.Value);
        Assert.Equal(RemoteEventResult.Bridged, await read.Acknowledged.WaitAsync(LoopbackHarness.Timeout));
        await me.WaitForEphemeralAsync(room, e => e.Type() == "m.receipt" && e.GetRawText().Contains(me.UserId.Value, StringComparison.Ordinal)
            && e.GetRawText().Contains(aliceEvent.Id(), StringComparison.Ordinal));

        // A later receipt of the same user does go out, so the first one had its turn: it was dropped as our echo.
        var second = h.Network.Alice.Send("reader", "and this one here");
        var secondEvent = await me.WaitForMessageAsync(room, b => b == "and this one here");
        await me.SendReadReceiptAsync(room, Bridges.Matrix.Ids.EventId.Parse(secondEvent.Id()));
        await h.Network.WaitForSentAsync(s => s.Kind == LoopbackSentKind.ReadReceipt && s.MessageId == second.MessageId);
        Assert.DoesNotContain(h.Network.Sent, s => s.Kind == LoopbackSentKind.ReadReceipt && s.MessageId == fromAlice.MessageId);
    }
}
