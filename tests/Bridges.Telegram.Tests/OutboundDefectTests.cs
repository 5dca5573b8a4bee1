using System.Text.Json.Nodes;
using Bridges.Core.Logins;
using Bridges.Core.Network;
using Bridges.Core.Permissions;
using Bridges.Emulators.Telegram;
using Bridges.Telegram.Bridge;

namespace Bridges.Telegram.Tests;

/// <summary>Matrix to Telegram: resumed multi-part sends, threads outside forums, photo limits, reaction keys, bursts.</summary>
public sealed class OutboundDefectTests
{
    private static readonly TimeSpan Timeout = TelegramBridgeHarness.Timeout;

    [Fact]
    public async Task Multi_part_text_retried_after_a_transient_failure_sends_each_part_once()
    {
        await using var h = await TelegramBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("writer");
        var room = await h.JoinPortalAsync(matrix);
        var text = string.Join('\n', Enumerable.Range(0, 600).Select(i => $"line {i:D4} of a long text"));
        // The third piece fails with a 502; the core retries the message.
        h.Emulator.InjectFailure("sendMessage", succeedFirst: 2, status: 502);

        await matrix.SendTextAsync(room, text);

        await h.Emulator.WaitForBotMessageAsync(m => m.Text?.EndsWith("line 0599 of a long text", StringComparison.Ordinal) == true, Timeout);
        var parts = h.Emulator.SentMessages.Where(m => m.ChatId == h.Group.Id).ToList();
        Assert.Contains(h.Emulator.Requests, r => r.Method == "sendMessage" && r.StatusCode == 502);
        Assert.Equal($"<{matrix.UserId.Localpart}> {text}", string.Join('\n', parts.Select(p => p.Text)));
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Text_and_file_retried_after_the_file_failed_sends_the_text_once()
    {
        await using var h = await TelegramBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("writer");
        var room = await h.JoinPortalAsync(matrix);
        var mxc = await matrix.UploadAsync([1, 2, 3], "application/pdf", "notes.pdf");
        // A caption longer than Telegram's 1024 characters goes out as a text before the file.
        var caption = new string('c', 1500);
        h.Emulator.InjectFailure("sendDocument", succeedFirst: 0, status: 500);

        await matrix.SendEventAsync(room, "m.room.message", new JsonObject
        {
            ["msgtype"] = "m.file", ["body"] = caption, ["filename"] = "notes.pdf", ["url"] = mxc,
            ["info"] = new JsonObject { ["mimetype"] = "application/pdf", ["size"] = 3 },
        });

        await h.Emulator.WaitForBotMessageAsync(m => m.Method == "sendDocument", Timeout);
        Assert.Single(h.Emulator.SentMessages, m => m.Method == "sendMessage");
        Assert.Contains(h.Emulator.Requests, r => r.Method == "sendDocument" && r.StatusCode == 500);
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Matrix_thread_reply_in_a_group_without_topics_goes_as_a_reply_without_message_thread_id()
    {
        await using var h = await TelegramBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("writer");
        var room = await h.JoinPortalAsync(matrix);
        var original = h.Emulator.SendText(h.Group, h.Alice, "start of a thread");
        var root = await matrix.WaitForMessageAsync(room, b => b == "start of a thread", Timeout);

        await matrix.SendEventAsync(room, "m.room.message", new JsonObject
        {
            ["msgtype"] = "m.text",
            ["body"] = "in the thread",
            ["m.relates_to"] = new JsonObject { ["rel_type"] = "m.thread", ["event_id"] = root.GetProperty("event_id").GetString() },
        });

        var sent = await h.Emulator.WaitForBotMessageAsync(m => m.Text?.EndsWith("in the thread", StringComparison.Ordinal) == true, Timeout);
        Assert.Equal(original.MessageId, sent.ReplyToMessageId);
        Assert.DoesNotContain(h.Emulator.Requests, r => r.StatusCode == 400);
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Matrix_image_beyond_sendPhoto_limits_goes_as_a_document()
    {
        await using var h = await TelegramBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("writer");
        var room = await h.JoinPortalAsync(matrix);
        var png = EmulatorImages.CreatePng(2100, 100);
        var stated = await matrix.UploadAsync(png, "image/png", "banner.png");
        var unstated = await matrix.UploadAsync(png, "image/png", "strip.png");

        // Its size stated: straight to sendDocument. Not stated: Telegram refuses the photo and it goes again as a document.
        await matrix.SendEventAsync(room, "m.room.message", new JsonObject
        {
            ["msgtype"] = "m.image", ["body"] = "banner.png", ["url"] = stated,
            ["info"] = new JsonObject { ["mimetype"] = "image/png", ["size"] = png.Length, ["w"] = 2100, ["h"] = 100 },
        });
        await matrix.SendEventAsync(room, "m.room.message", new JsonObject
        {
            ["msgtype"] = "m.image", ["body"] = "strip.png", ["url"] = unstated, ["info"] = new JsonObject { ["mimetype"] = "image/png" },
        });

        await h.Emulator.WaitForBotMessageAsync(m => m.Method == "sendDocument" && m.Message["document"]?["file_name"]?.GetValue<string>() == "banner.png", Timeout);
        await h.Emulator.WaitForBotMessageAsync(m => m.Method == "sendDocument" && m.Message["document"]?["file_name"]?.GetValue<string>() == "strip.png", Timeout);
        Assert.Single(h.Emulator.Requests, r => r.Method == "sendPhoto");
        Assert.DoesNotContain(h.Emulator.SentMessages, m => m.Method == "sendPhoto");
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Matrix_heart_with_or_without_variation_selector_reaches_telegram_as_its_heart()
    {
        await using var h = await TelegramBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("writer");
        var room = await h.JoinPortalAsync(matrix);
        var original = h.Emulator.SendText(h.Group, h.Alice, "heart me");
        await matrix.WaitForMessageAsync(room, b => b == "heart me", Timeout);
        var connector = (TelegramConnector)h.Host.Bridge.Bridge.Connector;
        await using var client = (TelegramRelayClient)await connector.LoadLoginAsync(connector.RelayLogin!, CancellationToken.None);
        var sender = new BridgeUser(matrix.UserId, PermissionLevel.User);
        var portal = TelegramBridgeHarness.PortalOf(h.Group);
        var target = TelegramIds.Message(h.Group.Id, original.MessageId);

        await client.SendReactionAsync(new OutgoingReaction(portal, target, "\u2764\uFE0F", sender), CancellationToken.None);
        await client.SendReactionAsync(new OutgoingReaction(portal, target, "\U0001F44D\U0001F3FD", sender), CancellationToken.None);
        await client.SendReactionAsync(new OutgoingReaction(portal, target, "\u2764\uFE0F\u200D\U0001F525", sender), CancellationToken.None);
        var refused = await Assert.ThrowsAsync<RemotePermanentException>(() => client.SendReactionAsync(new OutgoingReaction(portal, target, "\U0001F955", sender), CancellationToken.None));

        await h.Emulator.WaitForBotActionAsync<BotSetReaction>(r => r.Reactions.SequenceEqual(["\u2764\u200D\U0001F525"]), Timeout);
        Assert.Equal([["\u2764"], ["\U0001F44D"], ["\u2764\u200D\U0001F525"]], h.Emulator.BotActions.OfType<BotSetReaction>().Select(r => r.Reactions.ToArray()));
        Assert.Contains("\U0001F955", refused.Message, StringComparison.Ordinal);
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Burst_of_matrix_messages_under_telegram_flood_limits_arrives_complete_and_in_order()
    {
        await using var h = await TelegramBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("writer");
        var room = await h.JoinPortalAsync(matrix);
        var expected = Enumerable.Range(0, 30).Select(i => $"burst {i:D2}").ToList();

        foreach (var text in expected)
        {
            await matrix.SendTextAsync(room, text);
        }

        await h.Emulator.WaitForBotMessageAsync(m => m.Text?.EndsWith("burst 29", StringComparison.Ordinal) == true, TimeSpan.FromSeconds(60));
        var sent = h.Emulator.SentMessages.Where(m => m.ChatId == h.Group.Id).Select(m => m.Text![(m.Text!.IndexOf("> ", StringComparison.Ordinal) + 2)..]).ToList();
        Assert.Equal(expected, sent);
        // The group allows 20 messages per window: the burst met flood control and waited it out.
        Assert.Contains(h.Emulator.Requests, r => r.Method == "sendMessage" && r.StatusCode == 429);
        Assert.Equal(20, TelegramBridgeHarness.ScaledFloodLimits().GroupMessages);
        h.Emulator.AssertNoViolations();
    }
}
