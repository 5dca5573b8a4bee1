using System.Text.Json.Nodes;
using Bridges.Core.Content;
using Bridges.Core.Logins;
using Bridges.Core.Network;
using Bridges.Core.Permissions;
using Bridges.Matrix.Ids;
using Bridges.Testing;

namespace Bridges.Discord.Tests;

/// <summary>Files from Matrix as Discord uploads, within the guild's boost-tier limit.</summary>
public sealed class MediaTests
{
    private static readonly TimeSpan Timeout = DiscordBridgeHarness.Timeout;
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4, 5];

    private static async Task<EventId> SendFileAsync(MatrixTestUser matrix, RoomId room, byte[] data, string mime, string fileName, string? caption = null)
    {
        var mxc = await matrix.UploadAsync(data, mime, fileName);
        return await matrix.SendEventAsync(room, "m.room.message", new JsonObject
        {
            ["msgtype"] = mime.StartsWith("image/", StringComparison.Ordinal) ? "m.image" : "m.file",
            ["body"] = caption ?? fileName,
            ["filename"] = fileName,
            ["url"] = mxc,
            ["info"] = new JsonObject { ["mimetype"] = mime, ["size"] = data.Length },
        });
    }

    [Fact]
    public async Task A_matrix_image_goes_up_through_the_webhook_with_its_bytes_name_and_caption()
    {
        await using var h = await DiscordBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("writer");
        var room = await h.JoinPortalAsync(matrix);

        await SendFileAsync(matrix, room, Png, "image/png", "tea.png", "A *fine* cup");

        var sent = await h.Emulator.WaitForMessageAsync(h.General, m => m.WebhookId is not null, Timeout);
        Assert.Equal("A \\*fine\\* cup", sent.Content);
        Assert.Equal(matrix.UserId.Localpart, sent.WebhookUsername);
        var file = Assert.Single(sent.Attachments);
        Assert.Equal("tea.png", file.FileName);
        Assert.Equal("image/png", file.ContentType);
        // What Discord users download from the CDN is the file as the Matrix user sent it.
        using var cdn = new HttpClient();
        Assert.Equal(Png, await cdn.GetByteArrayAsync(new Uri(h.Emulator.BaseUrl, $"attachments/{h.General.Id}/{file.Id}/tea.png")));
        Assert.Contains(h.Emulator.Requests, r => r.StartsWith($"POST /api/v10/webhooks/{sent.WebhookId}/", StringComparison.Ordinal) && r.EndsWith("→ 200", StringComparison.Ordinal));
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task The_bot_posts_files_itself_when_a_message_is_not_relayed()
    {
        await using var h = await DiscordBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("writer");
        await h.JoinPortalAsync(matrix);
        await using var client = await h.RelayClientAsync();
        var media = new MediaSource { MimeType = "text/plain", FileName = "notes.txt", Size = 5, OpenAsync = _ => Task.FromResult<Stream>(new MemoryStream("notes"u8.ToArray())) };
        var content = new BridgedContent { Text = string.Empty, Attachments = [media] };

        var result = await client.SendMessageAsync(new OutgoingMessage(DiscordBridgeHarness.PortalOf(h.General.Id), content, new BridgeUser(matrix.UserId, PermissionLevel.User), "echo-file"), CancellationToken.None);

        var sent = h.Emulator.Message(result.Id!.Value.Value)!;
        Assert.Equal(h.Bot.Id, sent.AuthorId);
        Assert.Null(sent.WebhookId);
        Assert.Equal("notes"u8.ToArray(), Assert.Single(sent.Attachments).Data);
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task A_matrix_file_over_the_guilds_limit_goes_as_a_link_to_the_matrix_media()
    {
        await using var h = await DiscordBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("writer");
        var room = await h.JoinPortalAsync(matrix);

        await SendFileAsync(matrix, room, new byte[(10 << 20) + 1], "application/octet-stream", "huge.bin");

        var sent = await h.Emulator.WaitForMessageAsync(h.General, m => m.WebhookId is not null, Timeout);
        Assert.Empty(sent.Attachments);
        Assert.StartsWith("huge.bin: http", sent.Content, StringComparison.Ordinal);
        Assert.Contains("/_bridges/media/", sent.Content, StringComparison.Ordinal);
        // Nothing was uploaded to Discord: the size was known up front.
        Assert.DoesNotContain(h.Emulator.Requests, r => r.EndsWith("→ 413", StringComparison.Ordinal));
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Without_public_media_links_a_file_over_the_limit_is_refused_with_a_notice()
    {
        await using var h = await DiscordBridgeHarness.StartAsync(configure: c => c["bridges:discord:publicmedia:enabled"] = "false");
        var matrix = await h.Host.CreateUserAsync("writer");
        var room = await h.JoinPortalAsync(matrix);

        await SendFileAsync(matrix, room, new byte[(10 << 20) + 1], "application/octet-stream", "huge.bin");

        var notice = await matrix.WaitForMessageAsync(room, b => b.Contains("not delivered to Discord", StringComparison.Ordinal), Timeout);
        Assert.Contains("huge.bin", notice.GetProperty("content").GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Contains("10485760-byte limit", notice.GetProperty("content").GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(h.Emulator.MessagesIn(h.General), m => m.WebhookId is not null);
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task A_guild_at_boost_tier_2_takes_a_file_over_10_mib()
    {
        await using var h = await DiscordBridgeHarness.StartAsync();
        var boosted = h.Emulator.CreateGuild("Boosted", h.Alice, premiumTier: 2);
        h.Emulator.AddMember(boosted, h.Bot);
        var channel = h.Emulator.CreateTextChannel(boosted, "big-files", 0);
        // The emulator announces a guild to a bot when it identifies, so the bridge reconnects to learn its tier.
        await h.Host.RestartAsync();
        var matrix = await h.Host.CreateUserAsync("writer");
        h.Emulator.Post(channel, h.Alice, "ready");
        var room = await h.WaitForPortalRoomAsync(channel.Id);
        await matrix.JoinAsync(room.Value);
        await matrix.WaitForMessageAsync(room, b => b == "ready", Timeout);
        var data = new byte[(10 << 20) + 1024];
        new Random(7).NextBytes(data);

        await SendFileAsync(matrix, room, data, "application/octet-stream", "archive.bin");

        var sent = await h.Emulator.WaitForMessageAsync(channel, m => m.WebhookId is not null, Timeout);
        var file = Assert.Single(sent.Attachments);
        Assert.Equal("archive.bin", file.FileName);
        Assert.Equal(data, file.Data);
        h.Emulator.AssertNoViolations();
    }
}
