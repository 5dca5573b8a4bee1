using System.Text.Json.Nodes;
using Bridges.Core.Security;
using Bridges.Discord.Api;
using Bridges.Emulators.Discord;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bridges.Discord.Tests;

public sealed class RestClientTests
{
    private static JsonObject Text(string content) => new() { ["content"] = content };

    [Fact]
    public async Task Reads_the_bot_and_the_gateway_url_with_the_bot_token()
    {
        await using var w = await ClientWorld.StartAsync();

        var me = await w.Rest.GetCurrentUserAsync(CancellationToken.None);
        var gateway = await w.Rest.GetGatewayBotAsync(CancellationToken.None);
        var channels = await w.Rest.GetGuildChannelsAsync(w.Guild.Id, CancellationToken.None);

        Assert.Equal(w.Bot.Id, me.Id);
        Assert.True(me.Bot);
        Assert.StartsWith("ws://127.0.0.1:", gateway.Url, StringComparison.Ordinal);
        Assert.Equal("general", Assert.Single(channels).Name);
        w.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task A_wrong_token_is_refused_with_401()
    {
        await using var w = await ClientWorld.StartAsync();
        using var wrong = new DiscordRestClient(w.Emulator.ApiBaseUrl, new Secret("MTIz.wrong"), TimeProvider.System, NullLogger.Instance);

        var refused = await Assert.ThrowsAsync<DiscordApiException>(() => wrong.GetCurrentUserAsync(CancellationToken.None));
        Assert.Equal(401, refused.Status);
    }

    [Fact]
    public async Task A_burst_over_the_bucket_waits_for_the_reset_instead_of_meeting_429()
    {
        // Three per bucket per 300 ms: ten messages need at least three resets, which the client learns from the headers.
        await using var w = await ClientWorld.StartAsync(new DiscordEmulatorOptions { BucketLimit = 3, BucketWindow = TimeSpan.FromMilliseconds(300) });

        var sends = Enumerable.Range(0, 10).Select(i => w.Rest.CreateMessageAsync(w.Channel.Id, Text($"burst {i}"), CancellationToken.None)).ToList();
        var sent = await Task.WhenAll(sends);

        Assert.Equal(10, sent.Select(m => m.Id).Distinct().Count());
        Assert.Equal(10, w.Emulator.MessagesIn(w.Channel).Count);
        Assert.Equal(0, w.Emulator.RateLimitedCount);
        w.Emulator.AssertNoViolations();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_429_is_waited_out_and_the_request_sent_again(bool global)
    {
        await using var w = await ClientWorld.StartAsync();
        w.Emulator.InjectRateLimit(TimeSpan.FromMilliseconds(200), global);

        var sent = await w.Rest.CreateMessageAsync(w.Channel.Id, Text("after the limit"), CancellationToken.None);

        Assert.Equal(1, w.Emulator.RateLimitedCount);
        Assert.Equal("after the limit", w.Emulator.Message(sent.Id)!.Content);
        w.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Webhook_messages_carry_the_per_message_name_and_are_edited_and_deleted_by_token()
    {
        await using var w = await ClientWorld.StartAsync();
        var webhook = await w.Rest.CreateWebhookAsync(w.Channel.Id, "Matrix bridge", CancellationToken.None);

        var body = Text("from matrix");
        body["username"] = "Alice (Matrix)";
        body["avatar_url"] = "https://example.org/a.png";
        var sent = await w.Rest.ExecuteWebhookAsync(webhook.Id, webhook.Token!, body, null, CancellationToken.None);
        Assert.Equal(webhook.Id, sent.WebhookId);
        Assert.Equal("Alice (Matrix)", sent.Author.Username);

        await w.Rest.EditWebhookMessageAsync(webhook.Id, webhook.Token!, sent.Id, Text("edited"), null, CancellationToken.None);
        Assert.Equal("edited", w.Emulator.Message(sent.Id)!.Content);
        await w.Rest.DeleteWebhookMessageAsync(webhook.Id, webhook.Token!, sent.Id, null, CancellationToken.None);
        Assert.Null(w.Emulator.Message(sent.Id));

        var listed = Assert.Single(await w.Rest.GetChannelWebhooksAsync(w.Channel.Id, CancellationToken.None));
        Assert.Equal(webhook.Id, listed.Id);
        Assert.Equal(w.Bot.Id, listed.User!.Id);
        w.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Reactions_take_unicode_and_custom_emoji_in_the_path()
    {
        await using var w = await ClientWorld.StartAsync();
        var message = w.Emulator.Post(w.Channel, w.Alice, "react here");

        await w.Rest.AddReactionAsync(w.Channel.Id, message.Id, "👍", CancellationToken.None);
        await w.Rest.AddReactionAsync(w.Channel.Id, message.Id, "blobcat:123456789012345678", CancellationToken.None);
        var reactions = w.Emulator.Message(message.Id)!.Reactions;
        Assert.Contains(reactions, r => r.EmojiName == "👍" && r.EmojiId is null && r.UserId == w.Bot.Id);
        Assert.Contains(reactions, r => r.EmojiName == "blobcat" && r.EmojiId == "123456789012345678");

        await w.Rest.RemoveReactionAsync(w.Channel.Id, message.Id, "👍", CancellationToken.None);
        Assert.DoesNotContain(w.Emulator.Message(message.Id)!.Reactions, r => r.EmojiName == "👍");
        w.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task History_pages_come_newest_first_before_an_anchor()
    {
        await using var w = await ClientWorld.StartAsync();
        var posted = Enumerable.Range(0, 5).Select(i => w.Emulator.Post(w.Channel, w.Alice, $"old {i}")).ToList();

        var page = await w.Rest.GetMessagesAsync(w.Channel.Id, posted[4].Id, null, 2, CancellationToken.None);

        Assert.Equal(["old 3", "old 2"], page.Select(m => m.Content));
        w.Emulator.AssertNoViolations();
    }
}
