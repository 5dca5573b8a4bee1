using System.Text.Json.Nodes;
using Bridges.Core.Network.Ids;
using Bridges.Core.Tests.Support;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Tests;

/// <summary>Plugins read the message map, and a reply carries its whole chain (what email's References needs).</summary>
public sealed class MessageMapTests
{
    [Fact]
    public async Task Reply_from_Matrix_carries_the_whole_reply_chain_nearest_first()
    {
        await using var h = await LoopbackHarness.StartAsync();
        var carol = h.Network.AddUser("carol", "Carol", "carol-pw");
        var me = await h.UserAsync("me");
        await h.LoginAsync(me, carol, "carol-pw");
        var room = await h.OpenPortalAsync(me, "mail");
        var alice = h.Network.Alice;

        var first = alice.Send("mail", "first");
        var firstEvent = await me.WaitForMessageAsync(room, b => b == "first");
        await ReplyAsync(me, room, firstEvent.Id(), "second");
        var second = await h.Network.WaitForSentAsync(s => s.Text == "second");
        Assert.Equal([first.MessageId!.Value], second.ReplyChain);

        var third = alice.Send("mail", "third", replyTo: second.MessageId);
        var thirdEvent = await me.WaitForMessageAsync(room, b => b == "third");
        await ReplyAsync(me, room, thirdEvent.Id(), "fourth");
        var fourth = await h.Network.WaitForSentAsync(s => s.Text == "fourth");
        Assert.Equal([third.MessageId!.Value, second.MessageId!.Value, first.MessageId!.Value], fourth.ReplyChain);

        // Not a reply: no chain.
        await me.SendTextAsync(room, "fifth");
        Assert.Empty((await h.Network.WaitForSentAsync(s => s.Text == "fifth")).ReplyChain);
    }

    [Fact]
    public async Task Plugin_finds_messages_by_remote_id_anywhere_and_by_Matrix_event()
    {
        await using var h = await LoopbackHarness.StartAsync();
        var carol = h.Network.AddUser("carol", "Carol", "carol-pw");
        var me = await h.UserAsync("me");
        await h.LoginAsync(me, carol, "carol-pw");
        var room = await h.OpenPortalAsync(me, "inbox");
        var sent = h.Network.Alice.Send("inbox", "hello map");
        var sentEvent = await me.WaitForMessageAsync(room, b => b == "hello map");
        // Mapped once bridged: the event may show in the room a moment before its mapping is stored.
        Assert.Equal(Bridges.Core.Network.RemoteEventResult.Bridged, await sent.Acknowledged.WaitAsync(LoopbackHarness.Timeout));
        var map = h.Bridge.Host.Messages;

        var anywhere = await map.FindAnyAsync(sent.MessageId!.Value, CancellationToken.None);
        Assert.Equal(h.Network.Chat("inbox").PortalKey, anywhere!.Portal);
        Assert.Equal(sentEvent.Id(), anywhere.EventId.Value);
        Assert.Equal([anywhere], await map.FindAsync(anywhere.Portal, sent.MessageId!.Value, CancellationToken.None));
        var byEvent = await map.FindByEventAsync(room, EventId.Parse(sentEvent.Id()), CancellationToken.None);
        Assert.Equal(sent.MessageId, byEvent!.RemoteId);
        Assert.Null(await map.FindAnyAsync(new RemoteMessageId("never-bridged"), CancellationToken.None));
    }

    private static Task<EventId> ReplyAsync(Bridges.Testing.MatrixTestUser user, RoomId room, string target, string text) =>
        user.SendEventAsync(room, "m.room.message", new JsonObject
        {
            ["msgtype"] = "m.text", ["body"] = text,
            ["m.relates_to"] = new JsonObject { ["m.in_reply_to"] = new JsonObject { ["event_id"] = target } },
        });
}
