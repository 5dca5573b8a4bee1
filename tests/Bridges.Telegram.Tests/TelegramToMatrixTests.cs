using System.Text.Json;
using Bridges.Emulators.Telegram;

namespace Bridges.Telegram.Tests;

public sealed class TelegramToMatrixTests
{
    private static readonly TimeSpan Timeout = TelegramBridgeHarness.Timeout;

    [Fact]
    public async Task Group_message_creates_the_portal_and_arrives_from_the_ghost_with_formatting()
    {
        await using var h = await TelegramBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("reader");

        h.Emulator.SendText(h.Group, h.Alice, "hello bold and link", [new TextEntity("bold", 6, 4), new TextEntity("italic", 6, 8), new TextEntity("text_link", 15, 4) { Url = "https://example.org/" }]);
        var room = await h.WaitForPortalRoomAsync(h.Group);
        await matrix.JoinAsync(room.Value);

        var message = await matrix.WaitForMessageAsync(room, b => b == "hello bold and link", Timeout);
        Assert.Equal(h.GhostOf(h.Alice), message.GetProperty("sender").GetString());
        var content = message.GetProperty("content");
        Assert.Equal("org.matrix.custom.html", content.GetProperty("format").GetString());
        Assert.Equal("hello <em><strong>bold</strong> and</em> <a href=\"https://example.org/\">link</a>", content.GetProperty("formatted_body").GetString());
        var name = await matrix.WaitForEventAsync(room, e => e.GetProperty("type").GetString() == "m.room.name", Timeout);
        Assert.Equal("Tea party", name.GetProperty("content").GetProperty("name").GetString());
        var member = await matrix.GetStateEventAsync(room, "m.room.member", h.GhostOf(h.Alice));
        Assert.Equal("Alice Liddell (Telegram)", member!.Value.GetProperty("content").GetProperty("displayname").GetString());
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Reply_and_edit_from_telegram_point_at_the_original_event()
    {
        await using var h = await TelegramBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("reader");
        var room = await h.JoinPortalAsync(matrix);

        var original = h.Emulator.SendText(h.Group, h.Alice, "first words");
        var first = await matrix.WaitForMessageAsync(room, b => b == "first words", Timeout);
        h.Emulator.SendText(h.Group, h.Bob, "an answer", replyTo: original.MessageId);
        h.Emulator.EditText(original, "better words");

        var reply = await matrix.WaitForMessageAsync(room, b => b == "an answer", Timeout);
        Assert.Equal(h.GhostOf(h.Bob), reply.GetProperty("sender").GetString());
        Assert.Equal(first.GetProperty("event_id").GetString(),
            reply.GetProperty("content").GetProperty("m.relates_to").GetProperty("m.in_reply_to").GetProperty("event_id").GetString());
        var edit = await matrix.WaitForEventAsync(room, e => e.GetProperty("content").TryGetProperty("m.new_content", out var n)
            && n.GetProperty("body").GetString() == "better words", Timeout);
        var relation = edit.GetProperty("content").GetProperty("m.relates_to");
        Assert.Equal("m.replace", relation.GetProperty("rel_type").GetString());
        Assert.Equal(first.GetProperty("event_id").GetString(), relation.GetProperty("event_id").GetString());
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Reaction_from_telegram_arrives_as_annotation_from_the_ghost()
    {
        await using var h = await TelegramBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("reader");
        var room = await h.JoinPortalAsync(matrix);

        var original = h.Emulator.SendText(h.Group, h.Alice, "react to me");
        var target = await matrix.WaitForMessageAsync(room, b => b == "react to me", Timeout);
        h.Emulator.React(original, h.Bob, "👍");

        var reaction = await matrix.WaitForEventAsync(room, e => e.GetProperty("type").GetString() == "m.reaction", Timeout);
        Assert.Equal(h.GhostOf(h.Bob), reaction.GetProperty("sender").GetString());
        var relation = reaction.GetProperty("content").GetProperty("m.relates_to");
        Assert.Equal("m.annotation", relation.GetProperty("rel_type").GetString());
        Assert.Equal("👍", relation.GetProperty("key").GetString());
        Assert.Equal(target.GetProperty("event_id").GetString(), relation.GetProperty("event_id").GetString());

        h.Emulator.React(original, h.Bob);
        await matrix.WaitForEventAsync(room, e => e.GetProperty("type").GetString() == "m.room.redaction"
            && RedactedId(e) == reaction.GetProperty("event_id").GetString(), Timeout);
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Photo_from_telegram_arrives_as_image_with_its_caption()
    {
        await using var h = await TelegramBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("reader");
        var room = await h.JoinPortalAsync(matrix);

        h.Emulator.SendPhoto(h.Group, h.Alice, EmulatorImages.CreatePng(64, 48), caption: "a tiny picture");

        var image = await matrix.WaitForEventAsync(room, e => e.GetProperty("type").GetString() == "m.room.message"
            && e.GetProperty("content").GetProperty("msgtype").GetString() == "m.image", Timeout);
        Assert.Equal(h.GhostOf(h.Alice), image.GetProperty("sender").GetString());
        Assert.StartsWith("mxc://", image.GetProperty("content").GetProperty("url").GetString(), StringComparison.Ordinal);
        var texts = matrix.Timeline(room).Where(e => e.GetProperty("type").GetString() == "m.room.message").Select(Body).ToList();
        Assert.Contains(texts, t => t?.Contains("a tiny picture", StringComparison.Ordinal) == true);
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Document_from_telegram_arrives_as_file_with_its_name()
    {
        await using var h = await TelegramBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("reader");
        var room = await h.JoinPortalAsync(matrix);

        h.Emulator.SendDocument(h.Group, h.Bob, "minutes of the meeting"u8.ToArray(), "minutes.txt", "text/plain");

        var file = await matrix.WaitForEventAsync(room, e => e.GetProperty("type").GetString() == "m.room.message"
            && e.GetProperty("content").GetProperty("msgtype").GetString() == "m.file", Timeout);
        Assert.Equal(h.GhostOf(h.Bob), file.GetProperty("sender").GetString());
        Assert.Equal("minutes.txt", file.GetProperty("content").GetProperty("body").GetString());
        Assert.Equal("text/plain", file.GetProperty("content").GetProperty("info").GetProperty("mimetype").GetString());
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Private_chat_with_the_bot_is_not_bridged()
    {
        await using var h = await TelegramBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("reader");
        var room = await h.JoinPortalAsync(matrix);
        var direct = h.Emulator.StartPrivateChat(h.Bot, h.Bob);

        h.Emulator.SendText(direct, h.Bob, "secret hello");
        h.Emulator.SendText(h.Group, h.Bob, "public hello");
        await matrix.WaitForMessageAsync(room, b => b == "public hello", Timeout);
        await h.Emulator.WaitForUpdatesConsumedAsync(h.Bot, Timeout);

        Assert.Null(await h.Host.Bridge.Bridge.GetPortalRoomAsync(TelegramBridgeHarness.PortalOf(direct), CancellationToken.None));
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Members_joining_and_leaving_and_title_changes_reach_the_room()
    {
        await using var h = await TelegramBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("reader");
        var room = await h.JoinPortalAsync(matrix);
        var carol = h.Emulator.AddUser("Carol");

        h.Emulator.AddUserToChat(h.Group, carol, h.Alice);
        var carolGhost = h.GhostOf(carol);
        await matrix.WaitForEventAsync(room, e => IsMembership(e, carolGhost, "join"), Timeout);
        h.Emulator.RemoveUserFromChat(h.Group, carol);
        await matrix.WaitForEventAsync(room, e => IsMembership(e, carolGhost, "leave"), Timeout);
        h.Emulator.SetChatTitle(h.Group, h.Alice, "Mad tea party");
        await matrix.WaitForEventAsync(room, e => e.GetProperty("type").GetString() == "m.room.name"
            && e.GetProperty("content").GetProperty("name").GetString() == "Mad tea party", Timeout);
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Group_upgraded_to_supergroup_keeps_its_portal()
    {
        await using var h = await TelegramBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("reader");
        var group = h.Emulator.CreateGroup("Small", h.Alice, h.Bob);
        h.Emulator.AddBotToChat(group, h.Bot, h.Alice);
        var room = await h.JoinPortalAsync(matrix, group);
        h.Emulator.SendText(group, h.Alice, "before the upgrade");
        await matrix.WaitForMessageAsync(room, b => b == "before the upgrade", Timeout);

        var supergroup = h.Emulator.MigrateToSupergroup(group, h.Alice);
        h.Emulator.SendText(supergroup, h.Bob, "after the upgrade");
        await matrix.WaitForMessageAsync(room, b => b == "after the upgrade", Timeout);
        await matrix.SendTextAsync(room, "still here");

        var sent = await h.Emulator.WaitForBotMessageAsync(m => m.Text?.EndsWith("still here", StringComparison.Ordinal) == true, Timeout);
        Assert.Equal(supergroup.Id, sent.ChatId);
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Forum_topic_messages_are_a_thread_both_ways()
    {
        await using var h = await TelegramBridgeHarness.StartAsync(forum: true);
        var matrix = await h.Host.CreateUserAsync("reader");
        var room = await h.JoinPortalAsync(matrix);

        var topic = h.Emulator.CreateForumTopic(h.Group, h.Alice, "Cakes");
        var root = await matrix.WaitForMessageAsync(room, b => b.Contains("Cakes", StringComparison.Ordinal), Timeout);
        h.Emulator.SendText(h.Group, h.Bob, "I like lemon cake", threadId: topic.ThreadId);
        var inTopic = await matrix.WaitForMessageAsync(room, b => b == "I like lemon cake", Timeout);
        var relation = inTopic.GetProperty("content").GetProperty("m.relates_to");
        Assert.Equal("m.thread", relation.GetProperty("rel_type").GetString());
        Assert.Equal(root.GetProperty("event_id").GetString(), relation.GetProperty("event_id").GetString());

        await matrix.SendEventAsync(room, "m.room.message", new System.Text.Json.Nodes.JsonObject
        {
            ["msgtype"] = "m.text",
            ["body"] = "me too",
            ["m.relates_to"] = new System.Text.Json.Nodes.JsonObject { ["rel_type"] = "m.thread", ["event_id"] = root.GetProperty("event_id").GetString() },
        });
        var sent = await h.Emulator.WaitForBotMessageAsync(m => m.Text?.EndsWith("me too", StringComparison.Ordinal) == true, Timeout);
        Assert.Equal(topic.ThreadId, sent.ThreadId);
        h.Emulator.AssertNoViolations();
    }

    private static bool IsMembership(JsonElement e, string user, string membership) =>
        e.GetProperty("type").GetString() == "m.room.member" && e.GetProperty("state_key").GetString() == user
        && e.GetProperty("content").GetProperty("membership").GetString() == membership;

    // Room versions up to 10 carry the target at the top level, 11 in the content.
    private static string? RedactedId(JsonElement e) =>
        e.TryGetProperty("redacts", out var r) ? r.GetString() : e.GetProperty("content").TryGetProperty("redacts", out var c) ? c.GetString() : null;

    private static string? Body(JsonElement e) => e.GetProperty("content").TryGetProperty("body", out var b) ? b.GetString() : null;
}
