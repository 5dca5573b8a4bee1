using System.Text.Json.Nodes;
using Bridges.Core.Content;
using Bridges.Core.Logins;
using Bridges.Core.Network;
using Bridges.Core.Permissions;
using Bridges.Emulators.Telegram;
using Bridges.Telegram.Bridge;

namespace Bridges.Telegram.Tests;

public sealed class MatrixToTelegramTests
{
    private static readonly TimeSpan Timeout = TelegramBridgeHarness.Timeout;

    [Fact]
    public async Task Matrix_message_reaches_telegram_through_the_bot_with_the_relay_template()
    {
        await using var h = await TelegramBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("writer");
        var room = await h.JoinPortalAsync(matrix);

        await matrix.SendTextAsync(room, "hi telegram", "hi <b>telegram</b>");

        var sent = await h.Emulator.WaitForBotMessageAsync(m => m.Text?.EndsWith("hi telegram", StringComparison.Ordinal) == true, Timeout);
        var expected = $"<{matrix.UserId.Localpart}> hi telegram";
        Assert.Equal(expected, sent.Text);
        Assert.Equal(h.Group.Id, sent.ChatId);
        Assert.Equal(h.Bot.Username, sent.BotUsername);
        var bold = Assert.Single(sent.Entities);
        Assert.Equal("bold", (string?)bold!["type"]);
        Assert.Equal(expected.Length - "telegram".Length, (int?)bold["offset"]);
        Assert.Equal("telegram".Length, (int?)bold["length"]);
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Reply_and_redaction_from_matrix_reach_telegram()
    {
        await using var h = await TelegramBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("writer");
        var room = await h.JoinPortalAsync(matrix);
        var original = h.Emulator.SendText(h.Group, h.Alice, "question?");
        var target = await matrix.WaitForMessageAsync(room, b => b == "question?", Timeout);

        var replyId = await matrix.SendEventAsync(room, "m.room.message", new JsonObject
        {
            ["msgtype"] = "m.text",
            ["body"] = "answer",
            ["m.relates_to"] = new JsonObject { ["m.in_reply_to"] = new JsonObject { ["event_id"] = target.GetProperty("event_id").GetString() } },
        });
        var reply = await h.Emulator.WaitForBotMessageAsync(m => m.Text?.EndsWith("answer", StringComparison.Ordinal) == true, Timeout);
        Assert.Equal(original.MessageId, reply.ReplyToMessageId);

        await matrix.RedactAsync(room, replyId);
        await h.Emulator.WaitForBotActionAsync<BotDeletedMessage>(d => d.MessageId == reply.MessageId, Timeout);
        h.Emulator.AssertNoViolations();
    }

    /// <summary>
    /// The core does not relay edits and reactions yet (it asks for a non-relayed login), so this drives the relay
    /// client of the running bridge's connector, as the core will once it relays them.
    /// </summary>
    [Fact]
    public async Task Relay_client_edits_and_reacts_through_the_bot()
    {
        await using var h = await TelegramBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("writer");
        var room = await h.JoinPortalAsync(matrix);
        var original = h.Emulator.SendText(h.Group, h.Alice, "nice?");
        await matrix.WaitForMessageAsync(room, b => b == "nice?", Timeout);
        await matrix.SendTextAsync(room, "frist");
        var sent = await h.Emulator.WaitForBotMessageAsync(m => m.Text?.EndsWith("frist", StringComparison.Ordinal) == true, Timeout);
        var connector = (TelegramConnector)h.Host.Bridge.Bridge.Connector;
        await using var client = (TelegramRelayClient)await connector.LoadLoginAsync(connector.RelayLogin!, CancellationToken.None);
        var sender = new BridgeUser(matrix.UserId, PermissionLevel.User);
        var portal = TelegramBridgeHarness.PortalOf(h.Group);

        await client.SendEditAsync(new OutgoingEdit(portal, TelegramIds.Message(h.Group.Id, sent.MessageId),
            new BridgedContent { Text = "<writer> first", Html = "&lt;writer&gt; <em>first</em>" }, sender), CancellationToken.None);
        await client.SendReactionAsync(new OutgoingReaction(portal, TelegramIds.Message(h.Group.Id, original.MessageId), "🔥", sender), CancellationToken.None);

        var edit = await h.Emulator.WaitForBotActionAsync<BotEditedMessage>(e => e.MessageId == sent.MessageId, Timeout);
        Assert.Equal("<writer> first", edit.Text);
        Assert.Equal("italic", (string?)edit.Message["entities"]![0]!["type"]);
        var reaction = await h.Emulator.WaitForBotActionAsync<BotSetReaction>(r => r.MessageId == original.MessageId, Timeout);
        Assert.Equal(["🔥"], reaction.Reactions);
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Matrix_image_reaches_telegram_as_a_photo_with_the_relay_caption()
    {
        await using var h = await TelegramBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("writer");
        var room = await h.JoinPortalAsync(matrix);
        var png = EmulatorImages.CreatePng(32, 32);
        var uri = await h.Host.Bridge.Bridge.Intents.Client.UploadAsync(() => new MemoryStream(png), "image/png", "dot.png", null, CancellationToken.None);

        await matrix.SendEventAsync(room, "m.room.message", new JsonObject
        {
            ["msgtype"] = "m.image",
            ["body"] = "dot.png",
            ["url"] = uri.ToString(),
            ["info"] = new JsonObject { ["mimetype"] = "image/png", ["size"] = png.Length, ["w"] = 32, ["h"] = 32 },
        });

        var sent = await h.Emulator.WaitForBotMessageAsync(m => m.Method == "sendPhoto", Timeout);
        Assert.Equal(h.Group.Id, sent.ChatId);
        Assert.Contains("dot.png", sent.Caption, StringComparison.Ordinal);
        Assert.Contains(matrix.UserId.Localpart, sent.Caption, StringComparison.Ordinal);

        // An edit of a photo changes its caption (the relay client, as the core does not relay edits yet).
        var connector = (TelegramConnector)h.Host.Bridge.Bridge.Connector;
        await using var client = (TelegramRelayClient)await connector.LoadLoginAsync(connector.RelayLogin!, CancellationToken.None);
        await client.SendEditAsync(new OutgoingEdit(TelegramBridgeHarness.PortalOf(h.Group), TelegramIds.Message(h.Group.Id, sent.MessageId),
            BridgedContent.FromText("a red dot"), new BridgeUser(matrix.UserId, PermissionLevel.User)), CancellationToken.None);
        var edit = await h.Emulator.WaitForBotActionAsync<BotEditedMessage>(e => e.MessageId == sent.MessageId, Timeout);
        Assert.Equal("a red dot", edit.Caption);
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Long_matrix_message_is_split_into_telegram_sized_messages()
    {
        await using var h = await TelegramBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("writer");
        var room = await h.JoinPortalAsync(matrix);
        var text = string.Join('\n', Enumerable.Range(0, 600).Select(i => $"line {i:D4} of a long text"));

        await matrix.SendTextAsync(room, text);

        var last = await h.Emulator.WaitForBotMessageAsync(m => m.Text?.EndsWith("line 0599 of a long text", StringComparison.Ordinal) == true, Timeout);
        var parts = h.Emulator.SentMessages.Where(m => m.ChatId == h.Group.Id).ToList();
        Assert.True(parts.Count >= 4);
        Assert.All(parts, p => Assert.True(p.Text!.Length <= 4096));
        Assert.Equal($"<{matrix.UserId.Localpart}> {text}", string.Join('\n', parts.Select(p => p.Text)));
        Assert.Equal(last.MessageId, parts[^1].MessageId);
        h.Emulator.AssertNoViolations();
    }
}
