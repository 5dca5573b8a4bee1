using System.Text.Json;
using Bridges.Emulators.Telegram;

namespace Bridges.Telegram.Tests;

/// <summary>Telegram to Matrix: big files, caption edits and reactions with emoji variants.</summary>
public sealed class InboundDefectTests
{
    private static readonly TimeSpan Timeout = TelegramBridgeHarness.Timeout;

    private static string? MsgType(JsonElement e) =>
        e.GetProperty("content").TryGetProperty("msgtype", out var t) ? t.GetString() : null;

    [Fact]
    public async Task Big_file_over_getFile_limit_bridges_its_caption_and_a_too_large_line()
    {
        await using var h = await TelegramBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("reader");
        var room = await h.JoinPortalAsync(matrix);

        // Over the 20 MB the Bot API lets bots download (and under the bridge's 50 MB max_media_bytes).
        h.Emulator.SendDocument(h.Group, h.Alice, new byte[(21 * 1024 * 1024) + 5], "<b>holiday</b>.mp4", "video/mp4", caption: "our holiday video");
        h.Emulator.SendText(h.Group, h.Alice, "after the video");

        var message = await matrix.WaitForMessageAsync(room, b => b.StartsWith("our holiday video", StringComparison.Ordinal), Timeout);
        var body = message.GetProperty("content").GetProperty("body").GetString()!;
        Assert.Contains("\u201c<b>holiday</b>.mp4\u201d (21 MB) is too large to bridge", body, StringComparison.Ordinal);
        var html = message.GetProperty("content").GetProperty("formatted_body").GetString()!;
        Assert.Contains("&lt;b&gt;holiday&lt;/b&gt;.mp4", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        await matrix.WaitForMessageAsync(room, b => b == "after the video", Timeout);
        Assert.DoesNotContain(h.Emulator.Requests, r => r.Method == "getFile");
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Big_file_over_max_media_bytes_without_caption_becomes_a_notice()
    {
        await using var h = await TelegramBridgeHarness.StartAsync(configure: c => c["bridges:telegram:maxmediabytes"] = "1000");
        var matrix = await h.Host.CreateUserAsync("reader");
        var room = await h.JoinPortalAsync(matrix);

        h.Emulator.SendDocument(h.Group, h.Alice, new byte[2048], "report.pdf", "application/pdf");
        h.Emulator.SendDocument(h.Group, h.Alice, new byte[10], "small.txt", "text/plain");

        var notice = await matrix.WaitForMessageAsync(room, b => b.Contains("report.pdf", StringComparison.Ordinal), Timeout);
        Assert.Equal("m.notice", MsgType(notice));
        Assert.Contains("(2 KB) is too large to bridge", notice.GetProperty("content").GetProperty("body").GetString(), StringComparison.Ordinal);
        var small = await matrix.WaitForEventAsync(room, e => MsgType(e) == "m.file", Timeout);
        Assert.Equal("small.txt", small.GetProperty("content").GetProperty("body").GetString());
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Caption_edit_of_a_photo_keeps_the_image_in_the_replacement()
    {
        await using var h = await TelegramBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("reader");
        var room = await h.JoinPortalAsync(matrix);
        var photo = h.Emulator.SendPhoto(h.Group, h.Alice, EmulatorImages.CreatePng(64, 48), caption: "a cat");
        var original = await matrix.WaitForEventAsync(room, e => MsgType(e) == "m.image", Timeout);

        h.Emulator.EditCaption(photo, "a very good cat");

        var edit = await matrix.WaitForEventAsync(room, e => e.GetProperty("content").TryGetProperty("m.new_content", out _), Timeout);
        var content = edit.GetProperty("content");
        Assert.Equal("m.replace", content.GetProperty("m.relates_to").GetProperty("rel_type").GetString());
        Assert.Equal(original.GetProperty("event_id").GetString(), content.GetProperty("m.relates_to").GetProperty("event_id").GetString());
        var replacement = content.GetProperty("m.new_content");
        Assert.Equal("m.image", replacement.GetProperty("msgtype").GetString());
        Assert.Equal("a very good cat", replacement.GetProperty("body").GetString());
        Assert.StartsWith("mxc://", replacement.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal(64, replacement.GetProperty("info").GetProperty("w").GetInt32());
        Assert.Equal("m.image", content.GetProperty("msgtype").GetString());
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Telegram_heart_reaction_arrives_with_the_variation_selector_and_its_removal_finds_it()
    {
        await using var h = await TelegramBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("reader");
        var room = await h.JoinPortalAsync(matrix);
        var message = h.Emulator.SendText(h.Group, h.Alice, "love this");
        await matrix.WaitForMessageAsync(room, b => b == "love this", Timeout);

        h.Emulator.React(message, h.Bob, "\u2764");
        var reaction = await matrix.WaitForEventAsync(room, e => e.GetProperty("type").GetString() == "m.reaction", Timeout);
        h.Emulator.React(message, h.Bob);

        Assert.Equal("\u2764\uFE0F", reaction.GetProperty("content").GetProperty("m.relates_to").GetProperty("key").GetString());
        var reactionId = reaction.GetProperty("event_id").GetString();
        await matrix.WaitForEventAsync(room, e => e.GetProperty("type").GetString() == "m.room.redaction"
            && (e.TryGetProperty("redacts", out var r) ? r : e.GetProperty("content").GetProperty("redacts")).GetString() == reactionId, Timeout);
        h.Emulator.AssertNoViolations();
    }
}
