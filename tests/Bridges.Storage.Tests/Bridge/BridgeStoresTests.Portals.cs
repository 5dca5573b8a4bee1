using System.Data.Common;
using Bridges.Core.Database;
using Bridges.Core.Network.Ids;
using Bridges.Matrix.Ids;

namespace Bridges.Storage.Tests.Bridge;

public abstract partial class BridgeStoresTests
{
    [Fact]
    public async Task Portal_upsert_then_get_by_key_and_by_room_returns_every_field()
    {
        var stores = await StoresAsync();
        var portal = new PortalRecord
        {
            Key = Shared("#rust"),
            RoomId = Room("rust"),
            Name = "Rust 🦀 \"crabs\"",
            Topic = "line one\nline two",
            AvatarId = "avatar-1",
            AvatarUrl = MxcUri.Parse("mxc://bridges.test/abc123"),
            IsDirect = true,
            RelayLogin = new UserLoginId("relaybot"),
            Metadata = """{"network":"libera","modes":["n","t"]}""",
            Parent = Shared("guild-1"),
        };

        await stores.Portals.UpsertAsync(portal, Ct);

        Assert.Equal(portal, await stores.Portals.GetAsync(portal.Key, Ct));
        Assert.Equal(portal, await stores.Portals.GetByRoomAsync(portal.RoomId.Value, Ct));

        // A per-login chat's parent is per-login too, and a move is kept.
        var mine = new PortalRecord { Key = ForLogin("general", "alice"), Parent = ForLogin("guild-1", "alice") };
        await stores.Portals.UpsertAsync(mine, Ct);
        await stores.Portals.UpsertAsync(mine with { Parent = ForLogin("category-2", "alice") }, Ct);
        Assert.Equal(ForLogin("category-2", "alice"), (await stores.Portals.GetAsync(mine.Key, Ct))?.Parent);
    }

    [Fact]
    public async Task Portal_with_only_a_key_round_trips_its_empty_fields()
    {
        var stores = await StoresAsync();
        var portal = new PortalRecord { Key = Shared("#bare") };

        await stores.Portals.UpsertAsync(portal, Ct);

        Assert.Equal(portal, await stores.Portals.GetAsync(portal.Key, Ct));
    }

    [Fact]
    public async Task Portal_lookups_of_unknown_keys_and_rooms_return_null()
    {
        var stores = await StoresAsync();
        await stores.Portals.UpsertAsync(new PortalRecord { Key = Shared("#known"), RoomId = Room("known") }, Ct);

        Assert.Null(await stores.Portals.GetAsync(Shared("#unknown"), Ct));
        Assert.Null(await stores.Portals.GetAsync(ForLogin("#known", "alice"), Ct));
        Assert.Null(await stores.Portals.GetByRoomAsync(Room("unknown"), Ct));
    }

    [Fact]
    public async Task Receiver_portals_are_distinct_from_the_shared_portal_with_the_same_chat_id()
    {
        var stores = await StoresAsync();
        var shared = new PortalRecord { Key = Shared("bob"), RoomId = Room("shared"), Name = "shared" };
        var alices = new PortalRecord { Key = ForLogin("bob", "alice"), RoomId = Room("alice"), Name = "alice's DM", IsDirect = true };
        var carols = new PortalRecord { Key = ForLogin("bob", "carol"), RoomId = Room("carol"), Name = "carol's DM", IsDirect = true };

        await stores.Portals.UpsertAsync(shared, Ct);
        await stores.Portals.UpsertAsync(alices, Ct);
        await stores.Portals.UpsertAsync(carols, Ct);

        Assert.Equal(shared, await stores.Portals.GetAsync(Shared("bob"), Ct));
        Assert.Equal(alices, await stores.Portals.GetAsync(ForLogin("bob", "alice"), Ct));
        Assert.Equal(carols, await stores.Portals.GetAsync(ForLogin("bob", "carol"), Ct));
        Assert.Equal(alices, await stores.Portals.GetByRoomAsync(Room("alice"), Ct));
        Assert.Equal(3, (await stores.Portals.ListAsync(Ct)).Count);

        await stores.Portals.DeleteAsync(alices.Key, Ct);

        Assert.Null(await stores.Portals.GetAsync(alices.Key, Ct));
        Assert.Equal(shared, await stores.Portals.GetAsync(shared.Key, Ct));
        Assert.Equal(carols, await stores.Portals.GetAsync(carols.Key, Ct));
    }

    [Fact]
    public async Task Portal_upsert_replaces_room_name_topic_avatar_relay_login_and_metadata()
    {
        var stores = await StoresAsync();
        var original = new PortalRecord
        {
            Key = Shared("#chan"),
            Name = "old name",
            Topic = "old topic",
            AvatarId = "old-avatar",
            AvatarUrl = MxcUri.Parse("mxc://bridges.test/old"),
            RelayLogin = new UserLoginId("old-relay"),
            Metadata = """{"v":1}""",
        };
        await stores.Portals.UpsertAsync(original, Ct);

        // The room arrives after the row, as when a portal is created lazily.
        var updated = original with
        {
            RoomId = Room("chan"),
            Name = "new name",
            Topic = "new topic",
            AvatarId = "new-avatar",
            AvatarUrl = MxcUri.Parse("mxc://bridges.test/new"),
            IsDirect = true,
            RelayLogin = new UserLoginId("new-relay"),
            Metadata = """{"v":2}""",
        };
        await stores.Portals.UpsertAsync(updated, Ct);

        Assert.Equal(updated, await stores.Portals.GetAsync(original.Key, Ct));
        Assert.Equal(updated, await stores.Portals.GetByRoomAsync(Room("chan"), Ct));
        Assert.Single(await stores.Portals.ListAsync(Ct));

        // Replacing means replacing: a null clears the stored value.
        var cleared = updated with { Name = null, Topic = null, AvatarId = null, AvatarUrl = null, IsDirect = false, RelayLogin = null, Metadata = null };
        await stores.Portals.UpsertAsync(cleared, Ct);

        Assert.Equal(cleared, await stores.Portals.GetAsync(original.Key, Ct));
    }

    [Fact]
    public async Task Portal_delete_removes_only_that_portal_and_frees_its_room()
    {
        var stores = await StoresAsync();
        var gone = new PortalRecord { Key = Shared("#gone"), RoomId = Room("gone") };
        var kept = new PortalRecord { Key = Shared("#kept"), RoomId = Room("kept") };
        await stores.Portals.UpsertAsync(gone, Ct);
        await stores.Portals.UpsertAsync(kept, Ct);

        await stores.Portals.DeleteAsync(gone.Key, Ct);

        Assert.Null(await stores.Portals.GetAsync(gone.Key, Ct));
        Assert.Null(await stores.Portals.GetByRoomAsync(Room("gone"), Ct));
        Assert.Equal([kept], await stores.Portals.ListAsync(Ct));

        // Deleting twice or deleting an unknown portal is harmless.
        await stores.Portals.DeleteAsync(gone.Key, Ct);
        await stores.Portals.DeleteAsync(Shared("#never"), Ct);

        // The room is free for another portal.
        var successor = new PortalRecord { Key = Shared("#successor"), RoomId = Room("gone") };
        await stores.Portals.UpsertAsync(successor, Ct);
        Assert.Equal(successor, await stores.Portals.GetByRoomAsync(Room("gone"), Ct));
    }

    [Fact]
    public async Task Portal_delete_also_forgets_its_message_and_reaction_map()
    {
        var stores = await StoresAsync();
        var other = await StoresAsync(OtherNetwork);
        var gone = new PortalRecord { Key = Shared("#gone"), RoomId = Room("gone") };
        var dm = new PortalRecord { Key = ForLogin("#gone", "alice"), RoomId = Room("dm") };
        await stores.Portals.UpsertAsync(gone, Ct);
        await stores.Portals.UpsertAsync(dm, Ct);
        var message = Message(gone.Key, "m1", "e1", room: Room("gone"));
        var reaction = Reaction(gone.Key, "m1", "bob", "👍", "r1", room: Room("gone"));
        var dmMessage = Message(dm.Key, "m1", "e1", room: Room("dm"));
        var otherMessage = Message(gone.Key, "m1", "e1", room: Room("other"));
        Assert.True(await stores.Messages.TryAddAsync(message, Ct));
        Assert.True(await stores.Messages.TryAddReactionAsync(reaction, Ct));
        Assert.True(await stores.Messages.TryAddAsync(dmMessage, Ct));
        Assert.True(await other.Messages.TryAddAsync(otherMessage, Ct));

        await stores.Portals.DeleteAsync(gone.Key, Ct);

        Assert.Empty(await stores.Messages.GetPartsAsync(gone.Key, message.RemoteId, Ct));
        Assert.Null(await stores.Messages.GetByEventAsync(message.RoomId, message.EventId, Ct));
        Assert.Null(await stores.Messages.GetReactionByEventAsync(reaction.RoomId, reaction.EventId, Ct));
        // Only that portal's map: the receiver portal of the same chat and another network keep theirs.
        Assert.Equal([dmMessage], await stores.Messages.GetPartsAsync(dm.Key, dmMessage.RemoteId, Ct));
        Assert.Equal([otherMessage], await other.Messages.GetPartsAsync(gone.Key, otherMessage.RemoteId, Ct));

        // The chat bridged again into a new room maps the same remote id afresh.
        await stores.Portals.UpsertAsync(gone with { RoomId = Room("reborn") }, Ct);
        Assert.True(await stores.Messages.TryAddAsync(Message(gone.Key, "m1", "e1", room: Room("reborn")), Ct));
    }

    [Fact]
    public async Task Portal_list_returns_every_portal_of_the_network()
    {
        var stores = await StoresAsync();
        Assert.Empty(await stores.Portals.ListAsync(Ct));
        PortalRecord[] portals =
        [
            new() { Key = Shared("#zeta"), RoomId = Room("zeta"), Name = "zeta" },
            new() { Key = Shared("#alpha") },
            new() { Key = ForLogin("dm-bob", "alice"), RoomId = Room("dm"), IsDirect = true },
        ];
        foreach (var portal in portals)
        {
            await stores.Portals.UpsertAsync(portal, Ct);
        }

        var listed = await stores.Portals.ListAsync(Ct);

        Assert.Equal(portals.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal), listed.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal));
    }

    [Fact]
    public async Task Portals_of_two_networks_sharing_the_database_do_not_see_each_other()
    {
        var irc = await StoresAsync();
        var other = await StoresAsync(OtherNetwork);
        var ircPortal = new PortalRecord { Key = Shared("chat-1"), RoomId = Room("irc"), Name = "irc" };
        var otherPortal = new PortalRecord { Key = Shared("chat-1"), RoomId = Room("other"), Name = "other" };

        await irc.Portals.UpsertAsync(ircPortal, Ct);
        await other.Portals.UpsertAsync(otherPortal, Ct);

        Assert.Equal(ircPortal, await irc.Portals.GetAsync(Shared("chat-1"), Ct));
        Assert.Equal(otherPortal, await other.Portals.GetAsync(Shared("chat-1"), Ct));
        Assert.Equal([ircPortal], await irc.Portals.ListAsync(Ct));
        Assert.Equal([otherPortal], await other.Portals.ListAsync(Ct));
        Assert.Null(await other.Portals.GetByRoomAsync(Room("irc"), Ct));
        Assert.Null(await irc.Portals.GetByRoomAsync(Room("other"), Ct));

        await other.Portals.DeleteAsync(Shared("chat-1"), Ct);

        Assert.Equal(ircPortal, await irc.Portals.GetAsync(Shared("chat-1"), Ct));
        Assert.Null(await other.Portals.GetAsync(Shared("chat-1"), Ct));
    }

    [Fact]
    public async Task A_room_id_can_belong_to_only_one_portal()
    {
        var stores = await StoresAsync();
        var owner = new PortalRecord { Key = Shared("#owner"), RoomId = Room("taken"), Name = "owner" };
        await stores.Portals.UpsertAsync(owner, Ct);

        await Assert.ThrowsAnyAsync<DbException>(() => stores.Portals.UpsertAsync(new PortalRecord { Key = Shared("#thief"), RoomId = Room("taken") }, Ct));
        await Assert.ThrowsAnyAsync<DbException>(() => stores.Portals.UpsertAsync(new PortalRecord { Key = ForLogin("#owner", "alice"), RoomId = Room("taken") }, Ct));
        // Room ids are global on the homeserver, so another network's portal cannot take it either.
        var other = await StoresAsync(OtherNetwork);
        await Assert.ThrowsAnyAsync<DbException>(() => other.Portals.UpsertAsync(new PortalRecord { Key = Shared("#owner"), RoomId = Room("taken") }, Ct));

        Assert.Null(await stores.Portals.GetAsync(Shared("#thief"), Ct));
        Assert.Null(await other.Portals.GetAsync(Shared("#owner"), Ct));
        Assert.Equal(owner, await stores.Portals.GetByRoomAsync(Room("taken"), Ct));
        Assert.Equal([owner], await stores.Portals.ListAsync(Ct));

        // Portals without a room yet do not collide with each other.
        await stores.Portals.UpsertAsync(new PortalRecord { Key = Shared("#roomless-1") }, Ct);
        await stores.Portals.UpsertAsync(new PortalRecord { Key = Shared("#roomless-2") }, Ct);
        Assert.Equal(3, (await stores.Portals.ListAsync(Ct)).Count);
    }
}
