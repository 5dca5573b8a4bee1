using System.Text.Json.Nodes;
using Bridges.Core.Content;
using Bridges.Core.Logins;
using Bridges.Core.Network;
using Bridges.Core.Permissions;
using Bridges.Matrix.Ids;
using Bridges.Testing;
using Bridges.Tests.Shared;

namespace Bridges.Discord.Tests;

public sealed class MatrixToDiscordTests
{
    private static readonly TimeSpan Timeout = DiscordBridgeHarness.Timeout;

    [Fact]
    public async Task A_matrix_message_goes_out_through_the_channels_webhook_under_the_senders_name_and_is_not_bridged_back()
    {
        await using var h = await DiscordBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("writer");
        var room = await h.JoinPortalAsync(matrix);

        await matrix.SendTextAsync(room, "hi discord", "hi <b>discord</b>");

        var sent = await h.Emulator.WaitForMessageAsync(h.General, m => m.WebhookId is not null, Timeout);
        Assert.Equal("hi **discord**", sent.Content);
        Assert.Equal(matrix.UserId.Localpart, sent.WebhookUsername);
        var webhook = Assert.Single(h.Emulator.WebhooksOf(h.General));
        Assert.Equal(webhook.Id, sent.WebhookId);
        Assert.Equal(h.Bot.Id, webhook.CreatorId);

        // A second message reuses the webhook, and neither echo comes back into the room.
        await matrix.SendTextAsync(room, "second");
        await h.Emulator.WaitForMessageAsync(h.General, m => m.Content == "second", Timeout);
        h.Emulator.Post(h.General, h.Alice, "marker");
        await matrix.WaitForMessageAsync(room, b => b == "marker", Timeout);
        Assert.Single(h.Emulator.WebhooksOf(h.General));
        Assert.Equal(1, matrix.Timeline(room).Count(e => e.GetProperty("type").GetString() == "m.room.message"
            && e.GetProperty("content").GetProperty("body").GetString() == "second"));
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Matrix_text_cannot_ping_everyone_and_pills_of_ghosts_become_discord_mentions()
    {
        await using var h = await DiscordBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("writer");
        var room = await h.JoinPortalAsync(matrix);
        h.Emulator.Post(h.General, h.Alice, "I am here");
        await matrix.WaitForMessageAsync(room, b => b == "I am here", Timeout);

        var ghost = h.GhostOf(h.Alice);
        await matrix.SendEventAsync(room, "m.room.message", new JsonObject
        {
            ["msgtype"] = "m.text",
            ["body"] = "Alice: *look* @everyone",
            ["format"] = "org.matrix.custom.html",
            ["formatted_body"] = $"<a href=\"https://matrix.to/#/{ghost}\">Alice</a>: *look* @everyone",
            ["m.mentions"] = new JsonObject { ["user_ids"] = new JsonArray(ghost) },
        });

        var sent = await h.Emulator.WaitForMessageAsync(h.General, m => m.WebhookId is not null, Timeout);
        Assert.Equal($"<@{h.Alice.Id}>: \\*look\\* @everyone", sent.Content);
        Assert.Equal([h.Alice.Id], sent.Mentions);
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task A_redaction_from_matrix_deletes_the_webhook_message()
    {
        await using var h = await DiscordBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("writer");
        var room = await h.JoinPortalAsync(matrix);
        var eventId = await matrix.SendTextAsync(room, "regrettable");
        var sent = await h.Emulator.WaitForMessageAsync(h.General, m => m.Content == "regrettable", Timeout);

        await matrix.RedactAsync(room, eventId);

        await h.Emulator.WaitUntilAsync(e => e.Message(sent.Id) is null, Timeout, "the deletion");
        Assert.Contains(h.Emulator.Requests, r => r.StartsWith($"DELETE /api/v10/webhooks/{sent.WebhookId}/", StringComparison.Ordinal));
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Matrix_edits_go_through_the_webhook_and_several_users_reactions_count_as_the_bots_one()
    {
        await using var h = await DiscordBridgeHarness.StartAsync();
        var writer = await h.Host.CreateUserAsync("writer");
        var other = await h.Host.CreateUserAsync("other");
        var room = await h.JoinPortalAsync(writer);
        await other.JoinAsync(room.Value);
        var original = h.Emulator.Post(h.General, h.Alice, "like me");
        var originalEvent = (await writer.WaitForMessageAsync(room, b => b == "like me", Timeout)).GetProperty("event_id").GetString();
        var typo = await writer.SendTextAsync(room, "tpyo");
        var sent = await h.Emulator.WaitForMessageAsync(h.General, m => m.Content == "tpyo", Timeout);

        await writer.SendEventAsync(room, "m.room.message", new JsonObject
        {
            ["msgtype"] = "m.text", ["body"] = "* typo",
            ["m.new_content"] = new JsonObject { ["msgtype"] = "m.text", ["body"] = "typo", ["format"] = "org.matrix.custom.html", ["formatted_body"] = "<em>typo</em>" },
            ["m.relates_to"] = new JsonObject { ["rel_type"] = "m.replace", ["event_id"] = typo.Value },
        });

        // The webhook shows the sender's name already: the edit carries no relay template.
        await h.Emulator.WaitUntilAsync(e => e.Message(sent.Id)!.Content == "*typo*", Timeout, "the edit");
        Assert.NotNull(h.Emulator.Message(sent.Id)!.EditedTimestamp);
        Assert.Contains(h.Emulator.Requests, r => r.StartsWith($"PATCH /api/v10/webhooks/{sent.WebhookId}/", StringComparison.Ordinal));

        var first = await React(writer, room, originalEvent, "🍵");
        await h.Emulator.WaitUntilAsync(e => e.Message(original.Id)!.Reactions.Any(r => r.EmojiName == "🍵" && r.UserId == h.Bot.Id), Timeout, "the bot's reaction");
        var second = await React(other, room, originalEvent, "🍵");
        await writer.RedactAsync(room, first);
        // Matrix events of a room are bridged in order: once this marker is out, both were handled.
        await other.SendTextAsync(room, "marker one");
        await h.Emulator.WaitForMessageAsync(h.General, m => m.Content == "marker one", Timeout);
        Assert.Single(h.Emulator.Message(original.Id)!.Reactions, r => r.EmojiName == "🍵" && r.UserId == h.Bot.Id);
        Assert.Single(h.Emulator.Requests, r => r.StartsWith("PUT ", StringComparison.Ordinal) && r.Contains("/reactions/", StringComparison.Ordinal));

        await other.RedactAsync(room, second);
        await h.Emulator.WaitUntilAsync(e => e.Message(original.Id)!.Reactions.Count == 0, Timeout, "the reaction taken back");
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Relayed_profile_carries_a_public_avatar_link_and_a_name_discord_accepts()
    {
        await using var h = await DiscordBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("writer");
        await h.JoinPortalAsync(matrix);
        await using var client = await h.RelayClientAsync();
        var sender = new BridgeUser(matrix.UserId, PermissionLevel.User);
        var portal = DiscordBridgeHarness.PortalOf(h.General.Id);

        var relay = new RelayInfo("Discord fan", matrix.UserId.Value) { AvatarUrl = "https://media.example.org/avatar.png" };
        var result = await client.SendMessageAsync(new OutgoingMessage(portal, BridgedContent.FromText("with a face"), sender, "echo-1", relay), CancellationToken.None);
        var withAvatar = h.Emulator.Message(result.Id!.Value.Value)!;
        Assert.Equal("https://media.example.org/avatar.png", withAvatar.WebhookAvatarUrl);
        Assert.Equal("D1scord fan", withAvatar.WebhookUsername);
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task A_matrix_reply_quotes_its_target_and_a_custom_emoji_reaction_goes_back_as_that_emoji()
    {
        await using var h = await DiscordBridgeHarness.StartAsync();
        var writer = await h.Host.CreateUserAsync("writer");
        var room = await h.JoinPortalAsync(writer);
        var original = h.Emulator.Post(h.General, h.Alice, "scones are ready\nsecond line");
        var originalEvent = (await writer.WaitForMessageAsync(room, b => b.StartsWith("scones", StringComparison.Ordinal), Timeout)).GetProperty("event_id").GetString()!;
        h.Emulator.React(original, h.Bob, "blobcat", "1100000000000000021");
        await writer.WaitForEventAsync(room, e => e.GetProperty("type").GetString() == "m.reaction", Timeout);

        await writer.SendEventAsync(room, "m.room.message", new JsonObject
        {
            ["msgtype"] = "m.text",
            ["body"] = "> <@alice> scones are ready\n\ncoming",
            ["m.relates_to"] = new JsonObject { ["m.in_reply_to"] = new JsonObject { ["event_id"] = originalEvent } },
        });
        await React(writer, room, originalEvent, ":blobcat:");

        var reply = await h.Emulator.WaitForMessageAsync(h.General, m => m.WebhookId is not null, Timeout);
        Assert.Equal($"> <@{h.Alice.Id}> scones are ready\ncoming", reply.Content);
        await h.Emulator.WaitUntilAsync(e => e.Message(original.Id)!.Reactions.Any(r => r.UserId == h.Bot.Id), Timeout, "the bot's reaction");
        Assert.Equal(("blobcat", "1100000000000000021"), h.Emulator.Message(original.Id)!.Reactions.Where(r => r.UserId == h.Bot.Id).Select(r => (r.EmojiName, r.EmojiId)).Single());
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Matrix_typing_shows_as_the_bot_typing_once_while_relayed_users_type()
    {
        await using var h = await DiscordBridgeHarness.StartAsync();
        var writer = await h.Host.CreateUserAsync("writer");
        var other = await h.Host.CreateUserAsync("other");
        var room = await h.JoinPortalAsync(writer);
        await other.JoinAsync(room.Value);
        await writer.SendTextAsync(room, "about to type");
        await h.Emulator.WaitForMessageAsync(h.General, m => m.Content == "about to type", Timeout);
        var typingCall = $"POST /api/v10/channels/{h.General.Id}/typing";

        await writer.SetTypingAsync(room, true);
        await TestWait.UntilAsync(() => h.Emulator.Requests.Any(r => r.StartsWith(typingCall, StringComparison.Ordinal)), "the typing call", Timeout);
        // A second relayed user joining in is the same bot typing: no second call.
        await other.SetTypingAsync(room, true);
        await writer.SetTypingAsync(room, false);
        await other.SendTextAsync(room, "marker");
        await h.Emulator.WaitForMessageAsync(h.General, m => m.Content == "marker", Timeout);

        Assert.Single(h.Emulator.Requests, r => r.StartsWith(typingCall, StringComparison.Ordinal));
        h.Emulator.AssertNoViolations();
    }

    private static Task<EventId> React(MatrixTestUser user, RoomId room, string? target, string key) =>
        user.SendEventAsync(room, "m.reaction", new JsonObject
        {
            ["m.relates_to"] = new JsonObject { ["rel_type"] = "m.annotation", ["event_id"] = target, ["key"] = key },
        });

    [Fact]
    public async Task A_matrix_thread_reply_goes_into_the_discord_thread()
    {
        await using var h = await DiscordBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("writer");
        var room = await h.JoinPortalAsync(matrix);
        var starter = h.Emulator.Post(h.General, h.Alice, "thread starter");
        var root = await matrix.WaitForMessageAsync(room, b => b == "thread starter", Timeout);
        var thread = h.Emulator.CreateThread(starter, h.Alice, "Tea talk");
        h.Emulator.Post(thread, h.Alice, "first in thread");
        await matrix.WaitForMessageAsync(room, b => b == "first in thread", Timeout);

        await matrix.SendEventAsync(room, "m.room.message", new JsonObject
        {
            ["msgtype"] = "m.text",
            ["body"] = "from matrix, in the thread",
            ["m.relates_to"] = new JsonObject { ["rel_type"] = "m.thread", ["event_id"] = root.GetProperty("event_id").GetString() },
        });

        var sent = await h.Emulator.WaitForMessageAsync(thread, m => m.Content == "from matrix, in the thread", Timeout);
        Assert.NotNull(sent.WebhookId);
        Assert.DoesNotContain(h.Emulator.MessagesIn(h.General), m => m.Content == "from matrix, in the thread");
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task The_webhook_is_remembered_across_a_restart()
    {
        await using var h = await DiscordBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("writer");
        var room = await h.JoinPortalAsync(matrix);
        await matrix.SendTextAsync(room, "before restart");
        await h.Emulator.WaitForMessageAsync(h.General, m => m.Content == "before restart", Timeout);

        await h.Host.RestartAsync();
        await TestWait.UntilAsync(() => h.Emulator.OpenGatewayConnections == 1, "the bridge is back on the Gateway", Timeout);
        await matrix.SendTextAsync(room, "after restart");

        var after = await h.Emulator.WaitForMessageAsync(h.General, m => m.Content == "after restart", Timeout);
        Assert.Equal(Assert.Single(h.Emulator.WebhooksOf(h.General)).Id, after.WebhookId);
        h.Emulator.AssertNoViolations();
    }
}
