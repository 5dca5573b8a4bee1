using Bridges.Core.Database;
using Bridges.Core.Network.Ids;
using Bridges.Matrix.Ids;

namespace Bridges.Storage.Tests.Bridge;

public abstract partial class BridgeStoresTests
{
    [Fact]
    public async Task Outbox_rows_survive_until_completed_and_completing_maps_the_part_in_the_same_transaction()
    {
        var stores = await StoresAsync();
        var first = Outbox(Shared("#chan"), "m1", string.Empty);
        var second = first with { Part = new PartId("file000"), TxnId = "txn-2", Content = """{"msgtype":"m.image","body":"x.png"}""" };
        await stores.Outbox.AddAsync([first, second], Ct);
        // Added again after a crash (the plugin replays): nothing changes.
        await stores.Outbox.AddAsync([first with { TxnId = "other" }], Ct);

        Assert.Equal([first, second], await stores.Outbox.ListAsync(Ct));
        Assert.Empty(await (await StoresAsync(OtherNetwork)).Outbox.ListAsync(Ct));

        await stores.Outbox.CompleteAsync(first, Event("e1"), Ct);
        Assert.Equal([second], await stores.Outbox.ListAsync(Ct));
        var mapped = Assert.Single(await stores.Messages.GetPartsAsync(first.Portal, first.RemoteId, Ct));
        Assert.Equal((Event("e1"), first.Intent, first.ReplyTo, first.Timestamp), (mapped.EventId, mapped.MatrixSender!.Value, mapped.ReplyTo, mapped.Timestamp));

        await stores.Outbox.DeleteAsync(second, Ct);
        Assert.Empty(await stores.Outbox.ListAsync(Ct));
    }

    private OutboxRecord Outbox(PortalKey portal, string remoteId, string part) => new()
    {
        Portal = portal, RemoteId = new RemoteMessageId(remoteId), Part = new PartId(part), RoomId = Room("outbox"),
        Intent = UserId.Parse("@irc_bob:bridges.test"), EventType = "m.room.message", Content = """{"msgtype":"m.text","body":"hi"}""",
        TxnId = "txn-1", Sender = new RemoteUserId("bob"), Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000), Backdated = true,
        ThreadRoot = new RemoteMessageId("root"), ReplyTo = new RemoteMessageId("m0"),
    };
}
