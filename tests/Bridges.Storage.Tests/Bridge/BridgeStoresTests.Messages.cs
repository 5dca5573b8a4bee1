using Bridges.Core.Database;
using Bridges.Core.Network.Ids;
using Bridges.Matrix.Ids;

namespace Bridges.Storage.Tests.Bridge;

public abstract partial class BridgeStoresTests
{
    [Fact]
    public async Task Message_mapping_round_trips_thread_root_senders_and_timestamp()
    {
        var messages = (await StoresAsync()).Messages;
        var full = Message(Shared("#chan"), "m1", "e1") with
        {
            Sender = new RemoteUserId("bob"),
            MatrixSender = UserId.Parse("@irc_bob:bridges.test"),
            ThreadRoot = new RemoteMessageId("root-1"),
            ReplyTo = new RemoteMessageId("m0"),
            // Another offset on purpose: the instant is what is kept, and record equality compares instants.
            Timestamp = new DateTimeOffset(2031, 2, 3, 4, 5, 6, 789, TimeSpan.FromHours(2)),
        };
        var bare = Message(Shared("#chan"), "m2", "e2");

        Assert.True(await messages.TryAddAsync(full, Ct));
        Assert.True(await messages.TryAddAsync(bare, Ct));

        Assert.Equal([full], await messages.GetPartsAsync(full.Portal, full.RemoteId, Ct));
        Assert.Equal(full, await messages.GetByEventAsync(full.RoomId, full.EventId, Ct));
        Assert.Equal([bare], await messages.GetPartsAsync(bare.Portal, bare.RemoteId, Ct));
        Assert.Equal(bare, await messages.GetByEventAsync(bare.RoomId, bare.EventId, Ct));
    }

    [Fact]
    public async Task FindAny_finds_a_remote_id_in_whichever_portal_of_the_network_holds_it()
    {
        var stores = await StoresAsync();
        var other = await StoresAsync(OtherNetwork);
        var first = Message(ForLogin("thread-a", "alice"), "<id-1@mail>", "e1");
        var second = first with { Part = new PartId("file000"), EventId = Event("e2") };
        Assert.True(await stores.Messages.TryAddAsync(second, Ct));
        Assert.True(await stores.Messages.TryAddAsync(first, Ct));
        Assert.True(await other.Messages.TryAddAsync(Message(Shared("elsewhere"), "<id-2@mail>", "e3"), Ct));

        Assert.Equal(first, await stores.Messages.FindAnyAsync(new RemoteMessageId("<id-1@mail>"), Ct));
        // Another network's map is not this one's.
        Assert.Null(await stores.Messages.FindAnyAsync(new RemoteMessageId("<id-2@mail>"), Ct));
    }

    [Fact]
    public async Task TryAdd_refuses_a_duplicate_portal_remote_id_and_part_and_adds_nothing()
    {
        var messages = (await StoresAsync()).Messages;
        var first = Message(Shared("#chan"), "m1", "e1") with { Sender = new RemoteUserId("bob") };
        Assert.True(await messages.TryAddAsync(first, Ct));

        Assert.False(await messages.TryAddAsync(first, Ct));
        Assert.False(await messages.TryAddAsync(first with { EventId = Event("e2"), Sender = new RemoteUserId("eve"), Timestamp = first.Timestamp.AddHours(1) }, Ct));

        Assert.Equal([first], await messages.GetPartsAsync(first.Portal, first.RemoteId, Ct));
        Assert.Null(await messages.GetByEventAsync(first.RoomId, Event("e2"), Ct));
        Assert.Equal(1, await CountAsync("messages"));
    }

    [Fact]
    public async Task TryAdd_refuses_a_duplicate_room_and_event_id_and_adds_nothing()
    {
        var messages = (await StoresAsync()).Messages;
        var first = Message(Shared("#chan"), "m1", "e1");
        Assert.True(await messages.TryAddAsync(first, Ct));

        // The same Matrix event under another remote id, part or portal: a replayed Matrix event must not map twice.
        Assert.False(await messages.TryAddAsync(first with { RemoteId = new RemoteMessageId("m2") }, Ct));
        Assert.False(await messages.TryAddAsync(first with { Part = new PartId("file0") }, Ct));
        Assert.False(await messages.TryAddAsync(first with { Portal = ForLogin("#chan", "alice") }, Ct));

        Assert.Empty(await messages.GetPartsAsync(first.Portal, new RemoteMessageId("m2"), Ct));
        Assert.Empty(await messages.GetPartsAsync(ForLogin("#chan", "alice"), first.RemoteId, Ct));
        Assert.Equal([first], await messages.GetPartsAsync(first.Portal, first.RemoteId, Ct));
        Assert.Equal(first, await messages.GetByEventAsync(first.RoomId, first.EventId, Ct));
        Assert.Equal(1, await CountAsync("messages"));
    }

    [Fact]
    public async Task The_same_remote_id_in_a_receiver_portal_is_a_separate_message()
    {
        var messages = (await StoresAsync()).Messages;
        var shared = Message(Shared("bob"), "m1", "e1", room: Room("shared"));
        var alices = Message(ForLogin("bob", "alice"), "m1", "e1", room: Room("alice"));

        Assert.True(await messages.TryAddAsync(shared, Ct));
        Assert.True(await messages.TryAddAsync(alices, Ct));

        Assert.Equal([shared], await messages.GetPartsAsync(shared.Portal, shared.RemoteId, Ct));
        Assert.Equal([alices], await messages.GetPartsAsync(alices.Portal, alices.RemoteId, Ct));
        Assert.Equal(alices, await messages.GetByEventAsync(Room("alice"), Event("e1"), Ct));
    }

    [Fact]
    public async Task Multi_part_messages_come_back_ordered_by_part_and_each_part_is_found_by_its_event()
    {
        var messages = (await StoresAsync()).Messages;
        var portal = Shared("#chan");
        var text = Message(portal, "m1", "text", part: string.Empty);
        var file0 = Message(portal, "m1", "file0", part: "file0");
        var file1 = Message(portal, "m1", "file1", part: "file1");
        foreach (var part in new[] { file1, text, file0 })
        {
            Assert.True(await messages.TryAddAsync(part, Ct));
        }

        Assert.Equal([text, file0, file1], await messages.GetPartsAsync(portal, new RemoteMessageId("m1"), Ct));
        Assert.Equal(file0, await messages.GetByEventAsync(file0.RoomId, file0.EventId, Ct));
        Assert.Equal(file1, await messages.GetByEventAsync(file1.RoomId, file1.EventId, Ct));
        Assert.Null(await messages.GetByEventAsync(text.RoomId, Event("unknown"), Ct));
        Assert.Empty(await messages.GetPartsAsync(portal, new RemoteMessageId("unknown"), Ct));
    }

    [Fact]
    public async Task Delete_removes_every_part_of_that_message_only()
    {
        var messages = (await StoresAsync()).Messages;
        var portal = Shared("#chan");
        MessageRecord[] parts = [Message(portal, "m1", "p0"), Message(portal, "m1", "p1", part: "file0"), Message(portal, "m1", "p2", part: "file1")];
        var sibling = Message(portal, "m2", "sibling");
        var inReceiverPortal = Message(ForLogin("#chan", "alice"), "m1", "dm", room: Room("dm"));
        foreach (var record in parts.Append(sibling).Append(inReceiverPortal))
        {
            Assert.True(await messages.TryAddAsync(record, Ct));
        }

        await messages.DeleteAsync(portal, new RemoteMessageId("m1"), Ct);

        Assert.Empty(await messages.GetPartsAsync(portal, new RemoteMessageId("m1"), Ct));
        foreach (var part in parts)
        {
            Assert.Null(await messages.GetByEventAsync(part.RoomId, part.EventId, Ct));
        }

        Assert.Equal([sibling], await messages.GetPartsAsync(portal, sibling.RemoteId, Ct));
        Assert.Equal([inReceiverPortal], await messages.GetPartsAsync(inReceiverPortal.Portal, inReceiverPortal.RemoteId, Ct));

        // Deleting again is harmless, and the freed keys can be mapped anew.
        await messages.DeleteAsync(portal, new RemoteMessageId("m1"), Ct);
        Assert.True(await messages.TryAddAsync(parts[0], Ct));
    }

    [Fact]
    public async Task GetLast_returns_the_newest_message_of_the_portal_by_timestamp()
    {
        var messages = (await StoresAsync()).Messages;
        var portal = Shared("#chan");
        Assert.Null(await messages.GetLastAsync(portal, Ct));
        var older = Message(portal, "older", "e-older", ms: 1_000_000);
        var newest = Message(portal, "newest", "e-newest", ms: 3_000_000);
        var middle = Message(portal, "middle", "e-middle", ms: 2_000_000);

        // Inserted out of order: the newest by timestamp wins, not the last inserted.
        foreach (var record in new[] { middle, newest, older })
        {
            Assert.True(await messages.TryAddAsync(record, Ct));
        }

        // Newer messages elsewhere do not count: another chat, the receiver portal of the same chat.
        Assert.True(await messages.TryAddAsync(Message(Shared("#elsewhere"), "x", "e-x", ms: 9_000_000, room: Room("elsewhere")), Ct));
        Assert.True(await messages.TryAddAsync(Message(ForLogin("#chan", "alice"), "y", "e-y", ms: 9_000_000, room: Room("dm")), Ct));

        Assert.Equal(newest, await messages.GetLastAsync(portal, Ct));
    }

    [Fact]
    public async Task Message_maps_of_two_networks_do_not_see_each_other()
    {
        var irc = (await StoresAsync()).Messages;
        var other = (await StoresAsync(OtherNetwork)).Messages;
        var ircMessage = Message(Shared("chat"), "m1", "e1", room: Room("irc"));
        var otherMessage = Message(Shared("chat"), "m1", "e1", room: Room("other"), ms: 2_000_000_000_000);

        Assert.True(await irc.TryAddAsync(ircMessage, Ct));
        Assert.Empty(await other.GetPartsAsync(ircMessage.Portal, ircMessage.RemoteId, Ct));
        Assert.True(await other.TryAddAsync(otherMessage, Ct));

        Assert.Equal([ircMessage], await irc.GetPartsAsync(ircMessage.Portal, ircMessage.RemoteId, Ct));
        Assert.Null(await other.GetByEventAsync(ircMessage.RoomId, ircMessage.EventId, Ct));
        Assert.Equal(ircMessage, await irc.GetLastAsync(ircMessage.Portal, Ct));

        await other.DeleteAsync(otherMessage.Portal, otherMessage.RemoteId, Ct);

        Assert.Equal([ircMessage], await irc.GetPartsAsync(ircMessage.Portal, ircMessage.RemoteId, Ct));
    }
}
