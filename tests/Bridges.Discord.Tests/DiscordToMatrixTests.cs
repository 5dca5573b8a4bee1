using System.Text.Json;

namespace Bridges.Discord.Tests;

public sealed class DiscordToMatrixTests
{
    private static readonly TimeSpan Timeout = DiscordBridgeHarness.Timeout;

    private static string? Type(JsonElement e) => e.GetProperty("type").GetString();

    [Fact]
    public async Task A_message_creates_the_portal_inside_the_category_and_guild_spaces_from_the_ghost()
    {
        await using var h = await DiscordBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("reader");

        h.Emulator.Post(h.General, h.Alice, "hello **tea** lovers");
        var room = await h.WaitForPortalRoomAsync(h.General.Id);
        await matrix.JoinAsync(room.Value);

        var message = await matrix.WaitForMessageAsync(room, b => b == "hello **tea** lovers", Timeout);
        Assert.Equal(h.GhostOf(h.Alice), message.GetProperty("sender").GetString());
        Assert.Equal("hello <strong>tea</strong> lovers", message.GetProperty("content").GetProperty("formatted_body").GetString());
        var name = await matrix.WaitForEventAsync(room, e => Type(e) == "m.room.name", Timeout);
        Assert.Equal("general", name.GetProperty("content").GetProperty("name").GetString());
        var member = await matrix.GetStateEventAsync(room, "m.room.member", h.GhostOf(h.Alice));
        Assert.Equal("Alice Liddell (Discord)", member!.Value.GetProperty("content").GetProperty("displayname").GetString());
        // The avatar came from the CDN route with the user's avatar hash.
        var avatar = await matrix.WaitForEventAsync(room, e => Type(e) == "m.room.member" && e.GetProperty("state_key").GetString() == h.GhostOf(h.Alice)
            && e.GetProperty("content").TryGetProperty("avatar_url", out var a) && a.GetString()!.StartsWith("mxc://", StringComparison.Ordinal), Timeout);
        Assert.NotNull(avatar.GetProperty("content").GetProperty("avatar_url").GetString());

        // The channel sits in the category's space, which sits in the guild's.
        var category = await h.WaitForPortalRoomAsync(h.Category.Id);
        var guild = await h.WaitForPortalRoomAsync(h.Guild.Id);
        var parent = await matrix.WaitForEventAsync(room, e => Type(e) == "m.space.parent", Timeout);
        Assert.Equal(category.Value, parent.GetProperty("state_key").GetString());
        await matrix.JoinAsync(category.Value);
        var child = await matrix.WaitForEventAsync(category, e => Type(e) == "m.space.child" && e.GetProperty("state_key").GetString() == room.Value, Timeout);
        Assert.Equal("000002", child.GetProperty("content").GetProperty("order").GetString());
        var create = await matrix.GetStateEventAsync(category, "m.room.create", string.Empty);
        Assert.Equal("m.space", create!.Value.GetProperty("content").GetProperty("type").GetString());
        var categoryParent = await matrix.WaitForEventAsync(category, e => Type(e) == "m.space.parent", Timeout);
        Assert.Equal(guild.Value, categoryParent.GetProperty("state_key").GetString());
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Replies_edits_and_deletes_from_discord_point_at_the_original_event()
    {
        await using var h = await DiscordBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("reader");
        var room = await h.JoinPortalAsync(matrix);

        var original = h.Emulator.Post(h.General, h.Alice, "first words");
        var first = await matrix.WaitForMessageAsync(room, b => b == "first words", Timeout);
        var answer = h.Emulator.Post(h.General, h.Bob, "an answer", replyTo: original);
        h.Emulator.Edit(original, "better words");

        var reply = await matrix.WaitForMessageAsync(room, b => b == "an answer", Timeout);
        Assert.Equal(h.GhostOf(h.Bob), reply.GetProperty("sender").GetString());
        Assert.Equal(first.GetProperty("event_id").GetString(),
            reply.GetProperty("content").GetProperty("m.relates_to").GetProperty("m.in_reply_to").GetProperty("event_id").GetString());
        var edit = await matrix.WaitForEventAsync(room, e => e.GetProperty("content").TryGetProperty("m.new_content", out var n)
            && n.GetProperty("body").GetString() == "better words", Timeout);
        Assert.Equal(first.GetProperty("event_id").GetString(), edit.GetProperty("content").GetProperty("m.relates_to").GetProperty("event_id").GetString());

        h.Emulator.Delete(answer);
        await matrix.WaitForEventAsync(room, e => Type(e) == "m.room.redaction" && Redacts(e) == reply.GetProperty("event_id").GetString(), Timeout);
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Mentions_become_pills_of_the_ghosts()
    {
        await using var h = await DiscordBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("reader");
        var room = await h.JoinPortalAsync(matrix);

        h.Emulator.Post(h.General, h.Bob, $"hey <@{h.Alice.Id}>, tea?");

        var message = await matrix.WaitForMessageAsync(room, b => b == "hey @Alice Liddell, tea?", Timeout);
        var content = message.GetProperty("content");
        Assert.Contains($"https://matrix.to/#/{Uri.EscapeDataString(h.GhostOf(h.Alice))}", content.GetProperty("formatted_body").GetString(), StringComparison.Ordinal);
        Assert.Equal(h.GhostOf(h.Alice), content.GetProperty("m.mentions").GetProperty("user_ids")[0].GetString());
    }

    [Fact]
    public async Task Unicode_and_custom_reactions_arrive_as_annotations_and_go_away_again()
    {
        await using var h = await DiscordBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("reader");
        var room = await h.JoinPortalAsync(matrix);
        var original = h.Emulator.Post(h.General, h.Alice, "react to me");
        var target = await matrix.WaitForMessageAsync(room, b => b == "react to me", Timeout);

        h.Emulator.React(original, h.Bob, "👍");
        h.Emulator.React(original, h.Bob, "blobcat", "123456789012345678");

        var thumbs = await matrix.WaitForEventAsync(room, e => Type(e) == "m.reaction" && Key(e) == "👍", Timeout);
        var custom = await matrix.WaitForEventAsync(room, e => Type(e) == "m.reaction" && Key(e) == ":blobcat:", Timeout);
        Assert.Equal(h.GhostOf(h.Bob), thumbs.GetProperty("sender").GetString());
        Assert.Equal(target.GetProperty("event_id").GetString(), thumbs.GetProperty("content").GetProperty("m.relates_to").GetProperty("event_id").GetString());
        Assert.Equal(h.GhostOf(h.Bob), custom.GetProperty("sender").GetString());

        h.Emulator.React(original, h.Bob, "👍", remove: true);
        await matrix.WaitForEventAsync(room, e => Type(e) == "m.room.redaction" && Redacts(e) == thumbs.GetProperty("event_id").GetString(), Timeout);
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Another_integrations_webhook_message_carries_its_own_name()
    {
        await using var h = await DiscordBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("reader");
        var room = await h.JoinPortalAsync(matrix);

        h.Emulator.PostAsWebhook(h.General, "GitHub", "a new commit");

        var message = await matrix.WaitForMessageAsync(room, b => b.EndsWith("a new commit", StringComparison.Ordinal), Timeout);
        var profile = message.GetProperty("content").GetProperty("com.beeper.per_message_profile");
        Assert.Equal("GitHub", profile.GetProperty("displayname").GetString());
        Assert.EndsWith(":GitHub", profile.GetProperty("id").GetString(), StringComparison.Ordinal);
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task A_thread_off_a_message_is_a_matrix_thread_under_it()
    {
        await using var h = await DiscordBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("reader");
        var room = await h.JoinPortalAsync(matrix);
        var starter = h.Emulator.Post(h.General, h.Alice, "thread starter");
        var root = await matrix.WaitForMessageAsync(room, b => b == "thread starter", Timeout);

        var thread = h.Emulator.CreateThread(starter, h.Bob, "Tea talk");
        h.Emulator.Post(thread, h.Bob, "inside the thread");

        var inside = await matrix.WaitForMessageAsync(room, b => b == "inside the thread", Timeout);
        var relation = inside.GetProperty("content").GetProperty("m.relates_to");
        Assert.Equal("m.thread", relation.GetProperty("rel_type").GetString());
        Assert.Equal(root.GetProperty("event_id").GetString(), relation.GetProperty("event_id").GetString());
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Typing_on_discord_shows_as_the_ghost_typing()
    {
        await using var h = await DiscordBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("reader");
        var room = await h.JoinPortalAsync(matrix);
        h.Emulator.Post(h.General, h.Bob, "about to type");
        await matrix.WaitForMessageAsync(room, b => b == "about to type", Timeout);

        h.Emulator.StartTyping(h.General, h.Bob);

        await matrix.WaitForEphemeralAsync(room, e => Type(e) == "m.typing"
            && e.GetProperty("content").GetProperty("user_ids").EnumerateArray().Any(u => u.GetString() == h.GhostOf(h.Bob)), Timeout);
    }

    [Fact]
    public async Task A_forum_post_is_a_thread_rooted_at_its_title_with_its_first_message_inside()
    {
        await using var h = await DiscordBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("reader");
        var forum = h.Emulator.CreateForum(h.Guild, "help", 3);

        h.Emulator.CreateForumPost(forum, h.Bob, "Kettle broken", "it will not boil");
        var room = await h.WaitForPortalRoomAsync(forum.Id);
        await matrix.JoinAsync(room.Value);

        var title = await matrix.WaitForEventAsync(room, e => e.GetProperty("content").TryGetProperty("body", out var b) && b.GetString()!.Contains("Kettle broken", StringComparison.Ordinal), Timeout);
        var first = await matrix.WaitForMessageAsync(room, b => b == "it will not boil", Timeout);
        var relation = first.GetProperty("content").GetProperty("m.relates_to");
        Assert.Equal("m.thread", relation.GetProperty("rel_type").GetString());
        Assert.Equal(title.GetProperty("event_id").GetString(), relation.GetProperty("event_id").GetString());
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task An_attachment_arrives_as_a_matrix_file_with_its_bytes()
    {
        await using var h = await DiscordBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("reader");
        var room = await h.JoinPortalAsync(matrix);
        var bytes = System.Text.Encoding.UTF8.GetBytes("steep for four minutes");

        h.Emulator.Post(h.General, h.Alice, "the recipe", files: [("recipe.txt", "text/plain", bytes)]);

        var file = await matrix.WaitForEventAsync(room, e => e.GetProperty("content").TryGetProperty("msgtype", out var t) && t.GetString() == "m.file", Timeout);
        Assert.Equal("recipe.txt", file.GetProperty("content").GetProperty("filename").GetString() ?? file.GetProperty("content").GetProperty("body").GetString());
        var uri = Bridges.Matrix.Ids.MxcUri.Parse(file.GetProperty("content").GetProperty("url").GetString()!);
        await using var media = await h.Host.Bridge.Bridge.Intents.Client.DownloadAsync(uri, null, CancellationToken.None);
        using var copy = new MemoryStream();
        await media.Content.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
        h.Emulator.AssertNoViolations();
    }

    private static string? Key(JsonElement e) => e.GetProperty("content").GetProperty("m.relates_to").GetProperty("key").GetString();

    private static string? Redacts(JsonElement e) =>
        e.TryGetProperty("redacts", out var r) ? r.GetString() : e.GetProperty("content").GetProperty("redacts").GetString();
}
