using System.Text.Json;
using Bridges.Core.Database;
using Bridges.Core.Network.Ids;
using Bridges.Core.Tests.Support;
using Bridges.Matrix.Events;

namespace Bridges.Core.Tests;

/// <summary>Remote→Matrix parts left in the outbox by a crash are sent at the next start, once, before anything else.</summary>
public sealed class OutboxTests
{
    [Fact]
    public async Task Parts_left_in_the_outbox_by_a_crash_are_sent_once_at_the_next_start()
    {
        await using var h = await LoopbackHarness.StartAsync();
        var carol = h.Network.AddUser("carol", "Carol", "carol-pw");
        var me = await h.UserAsync("me");
        await h.LoginAsync(me, carol, "carol-pw");
        var room = await h.OpenPortalAsync(me, "outbox");
        var portal = h.Network.Chat("outbox").PortalKey;
        var ghost = h.Ghost(h.Network.Alice);

        // What a crashed run leaves: one part written but never sent, and one sent whose mapping was never stored.
        var unsent = Row(portal, room, ghost, "m-unsent", "left in the outbox", "bridges.test-outbox-1");
        var sent = Row(portal, room, ghost, "m-sent", "sent before the crash", "bridges.test-outbox-2");
        var sentEvent = await h.Bridge.Intents.Get(ghost).SendMessageAsync(room, MessageContent.Text("sent before the crash"), sent.TxnId, CancellationToken.None);
        await h.Bridge.Stores.Outbox.AddAsync([unsent, sent], CancellationToken.None);
        await h.Host.KillAsync();
        await h.Host.RestartAsync();

        var arrived = await me.WaitForMessageAsync(room, b => b == "left in the outbox");
        Assert.Equal(ghost.Value, arrived.Sender());
        Assert.Empty(await h.Bridge.Stores.Outbox.ListAsync(CancellationToken.None));
        Assert.Equal(arrived.Id(), Assert.Single(await h.Bridge.Stores.Messages.GetPartsAsync(portal, unsent.RemoteId, CancellationToken.None)).EventId.Value);
        // The part that had gone out came back as the same event (same txn id): mapped, not doubled.
        Assert.Equal(sentEvent, Assert.Single(await h.Bridge.Stores.Messages.GetPartsAsync(portal, sent.RemoteId, CancellationToken.None)).EventId);
        Assert.Single(await me.GetMessagesAsync(room), e => e.Body() == "sent before the crash");
        h.Host.Homeserver?.AssertNoSpecViolations();
    }

    [Fact]
    public async Task Bridged_remote_message_leaves_no_outbox_row()
    {
        await using var h = await LoopbackHarness.StartAsync();
        var carol = h.Network.AddUser("carol", "Carol", "carol-pw");
        var me = await h.UserAsync("me");
        await h.LoginAsync(me, carol, "carol-pw");
        await h.OpenPortalAsync(me, "clean");
        var evt = h.Network.Alice.Send("clean", "through the outbox");
        Assert.Equal(Bridges.Core.Network.RemoteEventResult.Bridged, await evt.Acknowledged.WaitAsync(LoopbackHarness.Timeout));

        Assert.Empty(await h.Bridge.Stores.Outbox.ListAsync(CancellationToken.None));
        Assert.Single(await h.Bridge.Stores.Messages.GetPartsAsync(h.Network.Chat("clean").PortalKey, evt.MessageId!.Value, CancellationToken.None));
    }

    private static OutboxRecord Row(PortalKey portal, Bridges.Matrix.Ids.RoomId room, Bridges.Matrix.Ids.UserId ghost, string id, string text, string txn) => new()
    {
        Portal = portal, RemoteId = new RemoteMessageId(id), RoomId = room, Intent = ghost, EventType = EventTypes.Message,
        Content = JsonSerializer.Serialize(MessageContent.Text(text), MatrixJsonContext.Default.MessageContent), TxnId = txn,
        Sender = new RemoteUserId("alice"), Timestamp = DateTimeOffset.UtcNow,
    };
}
