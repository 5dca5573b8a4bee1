using Bridges.Core.Network.Ids;

namespace Bridges.Storage.Tests.Bridge;

public abstract partial class BridgeStoresTests
{
    [Fact]
    public async Task Reaction_add_then_get_by_key_and_by_event_round_trips_every_field()
    {
        var messages = (await StoresAsync()).Messages;
        var withRemoteId = Reaction(Shared("#chan"), "m1", "bob", "👍", "r1") with { RemoteReactionId = new RemoteReactionId("remote-r1") };
        var withoutRemoteId = Reaction(ForLogin("#chan", "alice"), "m1", "bob", "👍", "r2", room: Room("dm"));

        Assert.True(await messages.TryAddReactionAsync(withRemoteId, Ct));
        Assert.True(await messages.TryAddReactionAsync(withoutRemoteId, Ct));

        Assert.Equal(withRemoteId, await messages.GetReactionAsync(Shared("#chan"), new RemoteMessageId("m1"), new RemoteUserId("bob"), new EmojiId("👍"), Ct));
        Assert.Equal(withRemoteId, await messages.GetReactionByEventAsync(withRemoteId.RoomId, withRemoteId.EventId, Ct));
        Assert.Equal(withoutRemoteId, await messages.GetReactionAsync(ForLogin("#chan", "alice"), new RemoteMessageId("m1"), new RemoteUserId("bob"), new EmojiId("👍"), Ct));
        Assert.Equal(withoutRemoteId, await messages.GetReactionByEventAsync(Room("dm"), Event("r2"), Ct));
        Assert.Null(await messages.GetReactionAsync(Shared("#chan"), new RemoteMessageId("m1"), new RemoteUserId("bob"), new EmojiId("👎"), Ct));
        Assert.Null(await messages.GetReactionByEventAsync(withRemoteId.RoomId, Event("unknown"), Ct));
    }

    [Fact]
    public async Task Duplicate_reaction_is_refused_by_key_and_by_event_and_adds_nothing()
    {
        var messages = (await StoresAsync()).Messages;
        var first = Reaction(Shared("#chan"), "m1", "bob", "👍", "r1");
        Assert.True(await messages.TryAddReactionAsync(first, Ct));

        Assert.False(await messages.TryAddReactionAsync(first, Ct));
        Assert.False(await messages.TryAddReactionAsync(first with { EventId = Event("r2") }, Ct));
        Assert.False(await messages.TryAddReactionAsync(first with { Emoji = new EmojiId("🎉") }, Ct));

        Assert.Null(await messages.GetReactionByEventAsync(first.RoomId, Event("r2"), Ct));
        Assert.Null(await messages.GetReactionAsync(first.Portal, first.TargetId, first.Sender, new EmojiId("🎉"), Ct));
        Assert.Equal(first, await messages.GetReactionByEventAsync(first.RoomId, first.EventId, Ct));
        Assert.Equal(1, await CountAsync("reactions"));
    }

    [Fact]
    public async Task Reactions_differing_in_target_sender_or_emoji_are_separate()
    {
        var messages = (await StoresAsync()).Messages;
        var portal = Shared("#chan");

        Assert.True(await messages.TryAddReactionAsync(Reaction(portal, "m1", "bob", "👍", "r1"), Ct));
        Assert.True(await messages.TryAddReactionAsync(Reaction(portal, "m2", "bob", "👍", "r2"), Ct));
        Assert.True(await messages.TryAddReactionAsync(Reaction(portal, "m1", "carol", "👍", "r3"), Ct));
        Assert.True(await messages.TryAddReactionAsync(Reaction(portal, "m1", "bob", "🎉", "r4"), Ct));

        Assert.Equal(4, await CountAsync("reactions"));
        Assert.Equal(Event("r3"), (await messages.GetReactionAsync(portal, new RemoteMessageId("m1"), new RemoteUserId("carol"), new EmojiId("👍"), Ct))?.EventId);
    }

    [Fact]
    public async Task Reaction_delete_by_event_removes_only_that_reaction_and_frees_its_key()
    {
        var messages = (await StoresAsync()).Messages;
        var gone = Reaction(Shared("#chan"), "m1", "bob", "👍", "r1");
        var kept = Reaction(Shared("#chan"), "m1", "bob", "🎉", "r2");
        Assert.True(await messages.TryAddReactionAsync(gone, Ct));
        Assert.True(await messages.TryAddReactionAsync(kept, Ct));

        await messages.DeleteReactionAsync(gone.RoomId, gone.EventId, Ct);
        await messages.DeleteReactionAsync(gone.RoomId, Event("never"), Ct);

        Assert.Null(await messages.GetReactionByEventAsync(gone.RoomId, gone.EventId, Ct));
        Assert.Null(await messages.GetReactionAsync(gone.Portal, gone.TargetId, gone.Sender, gone.Emoji, Ct));
        Assert.Equal(kept, await messages.GetReactionByEventAsync(kept.RoomId, kept.EventId, Ct));

        // The same person reacting the same way again (a new event) is accepted.
        var again = gone with { EventId = Event("r3") };
        Assert.True(await messages.TryAddReactionAsync(again, Ct));
        Assert.Equal(again, await messages.GetReactionAsync(gone.Portal, gone.TargetId, gone.Sender, gone.Emoji, Ct));
    }

    [Fact]
    public async Task Reactions_with_one_emoji_on_one_message_are_listed_whoever_sent_them()
    {
        var messages = (await StoresAsync()).Messages;
        var portal = Shared("#chan");
        var bob = Reaction(portal, "m1", "bob", "👍", "r1");
        var carol = Reaction(portal, "m1", "carol", "👍", "r2");
        Assert.True(await messages.TryAddReactionAsync(bob, Ct));
        Assert.True(await messages.TryAddReactionAsync(carol, Ct));
        Assert.True(await messages.TryAddReactionAsync(Reaction(portal, "m1", "bob", "🎉", "r3"), Ct));
        Assert.True(await messages.TryAddReactionAsync(Reaction(portal, "m2", "bob", "👍", "r4"), Ct));
        Assert.True(await messages.TryAddReactionAsync(Reaction(ForLogin("#chan", "alice"), "m1", "bob", "👍", "r5"), Ct));

        var listed = await messages.GetReactionsAsync(portal, new RemoteMessageId("m1"), new EmojiId("👍"), Ct);

        Assert.Equal([bob, carol], listed.OrderBy(r => r.Sender.Value));
        Assert.Empty(await messages.GetReactionsAsync(portal, new RemoteMessageId("m3"), new EmojiId("👍"), Ct));
    }
}
