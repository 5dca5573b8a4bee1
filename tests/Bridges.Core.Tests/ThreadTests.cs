using Bridges.Core.Content;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;
using Bridges.Core.Tests.Support;

namespace Bridges.Core.Tests;

/// <summary>Remote threads: a forum post becomes a thread root of its own; a thread off a message is named inside it.</summary>
public sealed class ThreadTests
{
    [Fact]
    public async Task Forum_post_gets_its_title_as_the_thread_root_and_its_messages_in_the_thread()
    {
        await using var h = await LoopbackHarness.StartAsync();
        var carol = h.Network.AddUser("carol", "Carol", "carol-pw");
        var me = await h.UserAsync("me");
        await h.LoginAsync(me, carol, "carol-pw");
        var room = await h.OpenPortalAsync(me, "forum");
        var alice = h.Network.Alice;

        var post = new RemoteMessageId("post-1");
        Assert.Equal(RemoteEventResult.Bridged, await alice.StartThread("forum", post, "How do\nI bridge?").Acknowledged.WaitAsync(LoopbackHarness.Timeout));
        var root = await me.WaitForMessageAsync(room, b => b == "How do I bridge?");
        Assert.Equal("<strong>How do I bridge?</strong>", root.Content().GetProperty("formatted_body").GetString());
        Assert.Equal(h.Ghost(alice).Value, root.Sender());

        alice.SendContent("forum", new BridgedContent { Text = "first answer", ThreadRoot = post });
        var answer = await me.WaitForMessageAsync(room, b => b == "first answer");
        Assert.Equal("m.thread", answer.RelType());
        Assert.Equal(root.Id(), answer.RelatesTo()!.Value.GetProperty("event_id").GetString());

        // Told twice (a reconnect replays it): one root.
        Assert.Equal(RemoteEventResult.Duplicate, await alice.StartThread("forum", post, "How do I bridge?").Acknowledged.WaitAsync(LoopbackHarness.Timeout));
        Assert.Single(await me.GetMessagesAsync(room), e => e.Body() == "How do I bridge?");
    }

    [Fact]
    public async Task Thread_off_a_message_is_named_inside_it_and_its_messages_hang_from_that_message()
    {
        await using var h = await LoopbackHarness.StartAsync();
        var carol = h.Network.AddUser("carol", "Carol", "carol-pw");
        var me = await h.UserAsync("me");
        await h.LoginAsync(me, carol, "carol-pw");
        var room = await h.OpenPortalAsync(me, "chat");
        var alice = h.Network.Alice;
        var starter = alice.Send("chat", "shall we talk about X?");
        var starterEvent = await me.WaitForMessageAsync(room, b => b == "shall we talk about X?");

        var thread = new RemoteMessageId("thread-9");
        await h.Network.Bob.StartThread("chat", thread, "About X", starter.MessageId).Acknowledged.WaitAsync(LoopbackHarness.Timeout);
        var notice = await me.WaitForMessageAsync(room, b => b == "started a thread: About X");
        Assert.Equal("m.notice", notice.Content().GetProperty("msgtype").GetString());
        Assert.Equal("m.thread", notice.RelType());
        Assert.Equal(starterEvent.Id(), notice.RelatesTo()!.Value.GetProperty("event_id").GetString());

        // Messages name the thread by its own id; in Matrix they hang from the starter, not from the notice.
        alice.SendContent("chat", new BridgedContent { Text = "in the thread", ThreadRoot = thread });
        var inThread = await me.WaitForMessageAsync(room, b => b == "in the thread");
        Assert.Equal("m.thread", inThread.RelType());
        Assert.Equal(starterEvent.Id(), inThread.RelatesTo()!.Value.GetProperty("event_id").GetString());
        h.Host.Homeserver?.AssertNoSpecViolations();
    }
}
