using System.Text.Json.Nodes;
using Bridges.Core.Network;
using Bridges.Core.Tests.Support;
using Bridges.Loopback;

namespace Bridges.Core.Tests;

public sealed class RelationRoundTripTests
{
    [Fact]
    public async Task Remote_reply_edit_reaction_and_deletions_point_at_the_mapped_Matrix_events()
    {
        await using var h = await LoopbackHarness.StartAsync();
        var carol = h.Network.AddUser("carol", "Carol", "carol-pw");
        var me = await h.UserAsync("me");
        await h.LoginAsync(me, carol, "carol-pw");
        var room = await h.OpenPortalAsync(me, "threads");
        var alice = h.Network.Alice;
        var bob = h.Network.Bob;
        var original = alice.Send("threads", "original");
        var originalEvent = await me.WaitForMessageAsync(room, b => b == "original");
        var decoy = bob.Send("threads", "decoy");
        var decoyEvent = await me.WaitForMessageAsync(room, b => b == "decoy");

        bob.Send("threads", "a reply", replyTo: original.MessageId);
        var reply = await me.WaitForMessageAsync(room, b => b == "a reply");
        Assert.Equal(originalEvent.Id(), reply.RelatesTo()!.Value.GetProperty("m.in_reply_to").GetProperty("event_id").GetString());

        alice.Edit("threads", original.MessageId!.Value, "original, edited");
        var edit = await me.WaitForEventAsync(room, e => e.Type() == "m.room.message" && e.RelType() == "m.replace");
        Assert.Equal(originalEvent.Id(), edit.RelatesTo()!.Value.GetProperty("event_id").GetString());
        Assert.Equal("original, edited", edit.Content().GetProperty("m.new_content").GetProperty("body").GetString());
        Assert.Equal(h.Ghost(alice).Value, edit.Sender());

        bob.React("threads", original.MessageId!.Value, "👍");
        var reaction = await me.WaitForEventAsync(room, e => e.Type() == "m.reaction");
        Assert.Equal("m.annotation", reaction.RelatesTo()!.Value.GetProperty("rel_type").GetString());
        Assert.Equal(originalEvent.Id(), reaction.RelatesTo()!.Value.GetProperty("event_id").GetString());
        Assert.Equal("👍", reaction.RelatesTo()!.Value.GetProperty("key").GetString());
        Assert.Equal(h.Ghost(bob).Value, reaction.Sender());

        var unreact = bob.Unreact("threads", original.MessageId!.Value, "👍");
        Assert.Equal(RemoteEventResult.Bridged, await unreact.Acknowledged.WaitAsync(LoopbackHarness.Timeout));
        var reactionGone = await me.WaitForEventAsync(room, e => e.Type() == "m.room.redaction" && LoginTests.Redacts(e) == reaction.Id());
        Assert.Equal(h.Ghost(bob).Value, reactionGone.Sender());

        alice.Delete("threads", original.MessageId!.Value);
        var deleted = await me.WaitForEventAsync(room, e => e.Type() == "m.room.redaction" && LoginTests.Redacts(e) != reaction.Id());
        Assert.Equal(originalEvent.Id(), LoginTests.Redacts(deleted));
        Assert.Equal(h.Ghost(alice).Value, deleted.Sender());

        // The decoy was never touched.
        Assert.DoesNotContain(await me.GetMessagesAsync(room), e => e.RelatesTo() is { } r && r.TryGetProperty("event_id", out var id) && id.GetString() == decoyEvent.Id());
        h.Host.Homeserver?.AssertNoSpecViolations();
    }

    [Fact]
    public async Task Matrix_reply_edit_reaction_and_redactions_target_the_mapped_remote_messages()
    {
        await using var h = await LoopbackHarness.StartAsync();
        var carol = h.Network.AddUser("carol", "Carol", "carol-pw");
        var me = await h.UserAsync("me");
        await h.LoginAsync(me, carol, "carol-pw");
        var room = await h.OpenPortalAsync(me, "relations");
        var fromAlice = h.Network.Alice.Send("relations", "alice speaks");
        var aliceEvent = await me.WaitForMessageAsync(room, b => b == "alice speaks");
        var mine = await me.SendTextAsync(room, "my message");
        var sentMine = await h.Network.WaitForSentAsync(s => s.Kind == LoopbackSentKind.Message && s.Text == "my message");

        await me.SendEventAsync(room, "m.room.message", new JsonObject
        {
            ["msgtype"] = "m.text", ["body"] = "my reply",
            ["m.relates_to"] = new JsonObject { ["m.in_reply_to"] = new JsonObject { ["event_id"] = aliceEvent.Id() } },
        });
        var sentReply = await h.Network.WaitForSentAsync(s => s.Kind == LoopbackSentKind.Message && s.Text == "my reply");
        Assert.Equal(fromAlice.MessageId, sentReply.Content!.ReplyTo);

        await me.SendEventAsync(room, "m.room.message", new JsonObject
        {
            ["msgtype"] = "m.text", ["body"] = "* my message, edited",
            ["m.new_content"] = new JsonObject { ["msgtype"] = "m.text", ["body"] = "my message, edited" },
            ["m.relates_to"] = new JsonObject { ["rel_type"] = "m.replace", ["event_id"] = mine.Value },
        });
        var edit = await h.Network.WaitForSentAsync(s => s.Kind == LoopbackSentKind.Edit);
        Assert.Equal(sentMine.MessageId, edit.MessageId);
        Assert.Equal("my message, edited", edit.Text);

        var reaction = await me.SendEventAsync(room, "m.reaction", new JsonObject
        {
            ["m.relates_to"] = new JsonObject { ["rel_type"] = "m.annotation", ["event_id"] = aliceEvent.Id(), ["key"] = "🎉" },
        });
        var sentReaction = await h.Network.WaitForSentAsync(s => s.Kind == LoopbackSentKind.Reaction);
        Assert.Equal((fromAlice.MessageId, "🎉", "carol"), (sentReaction.MessageId, sentReaction.Emoji, sentReaction.Account));

        await me.RedactAsync(room, reaction);
        var removal = await h.Network.WaitForSentAsync(s => s.Kind == LoopbackSentKind.ReactionRemoval);
        Assert.Equal((fromAlice.MessageId, "🎉", sentReaction.ReactionId), (removal.MessageId, removal.Emoji, removal.ReactionId));

        await me.RedactAsync(room, mine);
        var redaction = await h.Network.WaitForSentAsync(s => s.Kind == LoopbackSentKind.Redaction);
        Assert.Equal(sentMine.MessageId, redaction.MessageId);
        Assert.Equal(6, h.Network.Sent.Count(s => s.Kind is not LoopbackSentKind.Typing and not LoopbackSentKind.ReadReceipt));
        h.Host.Homeserver?.AssertNoSpecViolations();
    }

    [Fact]
    public async Task Re_added_reaction_is_bridged_again()
    {
        await using var h = await LoopbackHarness.StartAsync();
        var carol = h.Network.AddUser("carol", "Carol", "carol-pw");
        var me = await h.UserAsync("me");
        await h.LoginAsync(me, carol, "carol-pw");
        var room = await h.OpenPortalAsync(me, "again");
        var bob = h.Network.Bob;
        var original = h.Network.Alice.Send("again", "react to me");
        await me.WaitForMessageAsync(room, b => b == "react to me");

        Assert.Equal(RemoteEventResult.Bridged, await bob.React("again", original.MessageId!.Value, "👍").Acknowledged.WaitAsync(LoopbackHarness.Timeout));
        Assert.Equal(RemoteEventResult.Bridged, await bob.Unreact("again", original.MessageId!.Value, "👍").Acknowledged.WaitAsync(LoopbackHarness.Timeout));
        Assert.Equal(RemoteEventResult.Bridged, await bob.React("again", original.MessageId!.Value, "👍").Acknowledged.WaitAsync(LoopbackHarness.Timeout));

        // The second reaction is a new event, not the first one handed back for a reused transaction id.
        var reactions = (await me.GetMessagesAsync(room)).Where(e => e.Type() == "m.reaction").ToList();
        Assert.Equal(2, reactions.Select(e => e.Id()).Distinct().Count());
        var redacted = (await me.GetMessagesAsync(room)).Where(e => e.Type() == "m.room.redaction").Select(LoginTests.Redacts).ToHashSet();
        Assert.Single(reactions, e => !redacted.Contains(e.Id()));
        h.Host.Homeserver?.AssertNoSpecViolations();
    }

    [Fact]
    public async Task Second_edit_in_the_same_second_is_bridged()
    {
        // Networks such as Telegram give edit times in whole seconds: two edits often share one.
        var network = new LoopbackNetwork(time: new FrozenClock(DateTimeOffset.Parse("2026-01-02T03:04:05Z", System.Globalization.CultureInfo.InvariantCulture)));
        await using var h = await LoopbackHarness.StartAsync(network: network);
        var carol = h.Network.AddUser("carol", "Carol", "carol-pw");
        var me = await h.UserAsync("me");
        await h.LoginAsync(me, carol, "carol-pw");
        var room = await h.OpenPortalAsync(me, "edits");
        var alice = h.Network.Alice;
        var original = alice.Send("edits", "first");
        await me.WaitForMessageAsync(room, b => b == "first");

        Assert.Equal(RemoteEventResult.Bridged, await alice.Edit("edits", original.MessageId!.Value, "second").Acknowledged.WaitAsync(LoopbackHarness.Timeout));
        Assert.Equal(RemoteEventResult.Bridged, await alice.Edit("edits", original.MessageId!.Value, "third").Acknowledged.WaitAsync(LoopbackHarness.Timeout));

        var edits = (await me.GetMessagesAsync(room)).Where(e => e.RelType() == "m.replace")
            .Select(e => e.Content().GetProperty("m.new_content").GetProperty("body").GetString()).ToList();
        Assert.Equal(["second", "third"], edits);
    }

    [Fact]
    public async Task Thread_fallback_reply_is_not_sent_as_a_reply()
    {
        await using var h = await LoopbackHarness.StartAsync();
        var carol = h.Network.AddUser("carol", "Carol", "carol-pw");
        var me = await h.UserAsync("me");
        await h.LoginAsync(me, carol, "carol-pw");
        var room = await h.OpenPortalAsync(me, "threaded");
        var root = h.Network.Alice.Send("threaded", "thread root");
        var rootEvent = await me.WaitForMessageAsync(room, b => b == "thread root");
        var latest = h.Network.Bob.Send("threaded", "latest in thread");
        var latestEvent = await me.WaitForMessageAsync(room, b => b == "latest in thread");

        await me.SendEventAsync(room, "m.room.message", new JsonObject
        {
            ["msgtype"] = "m.text", ["body"] = "> quoted on purpose\nin the thread",
            ["m.relates_to"] = new JsonObject
            {
                ["rel_type"] = "m.thread", ["event_id"] = rootEvent.Id(), ["is_falling_back"] = true,
                ["m.in_reply_to"] = new JsonObject { ["event_id"] = latestEvent.Id() },
            },
        });
        var sent = await h.Network.WaitForSentAsync(s => s.Kind == LoopbackSentKind.Message && s.Text?.Contains("in the thread", StringComparison.Ordinal) == true);
        Assert.Equal(root.MessageId, sent.Content!.ThreadRoot);
        Assert.Null(sent.Content.ReplyTo);
        Assert.Equal("> quoted on purpose\nin the thread", sent.Text);

        // A real reply inside the thread still is one.
        await me.SendEventAsync(room, "m.room.message", new JsonObject
        {
            ["msgtype"] = "m.text", ["body"] = "answering bob",
            ["m.relates_to"] = new JsonObject
            {
                ["rel_type"] = "m.thread", ["event_id"] = rootEvent.Id(), ["is_falling_back"] = false,
                ["m.in_reply_to"] = new JsonObject { ["event_id"] = latestEvent.Id() },
            },
        });
        var reply = await h.Network.WaitForSentAsync(s => s.Kind == LoopbackSentKind.Message && s.Text == "answering bob");
        Assert.Equal(latest.MessageId, reply.Content!.ReplyTo);
    }

    [Fact]
    public async Task Matrix_sticker_arrives_as_an_image_not_as_text()
    {
        await using var h = await LoopbackHarness.StartAsync();
        var carol = h.Network.AddUser("carol", "Carol", "carol-pw");
        var me = await h.UserAsync("me");
        await h.LoginAsync(me, carol, "carol-pw");
        var room = await h.OpenPortalAsync(me, "stickers");
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
        var mxc = await me.UploadAsync(png, "image/png", "wave.png");

        await me.SendEventAsync(room, "m.sticker", new JsonObject
        {
            ["body"] = "a cat waving",
            ["url"] = mxc,
            ["info"] = new JsonObject { ["mimetype"] = "image/png", ["w"] = 1, ["h"] = 1, ["size"] = png.Length },
        });
        var sent = await h.Network.WaitForSentAsync(s => s.Kind == LoopbackSentKind.Message && s.Content?.Attachments.Count > 0);
        var media = Assert.Single(sent.Content!.Attachments);
        Assert.Equal(Bridges.Core.Content.MediaKind.Image, media.Kind);
        Assert.Equal("a cat waving.png", media.FileName);
        await using var stream = await media.OpenAsync(CancellationToken.None);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        Assert.Equal(png, copy.ToArray());
    }

    private sealed class FrozenClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
