using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Enums;

namespace Bridges.Emulators.Telegram.Tests;

public sealed class WebhookTests
{
    [Fact]
    public async Task Updates_are_posted_with_the_secret_header_and_retried_until_200()
    {
        await using var emulator = await TestSupport.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync(failures: 2);
        var bot = emulator.CreateBot("Relay", "relay_bot");
        var alice = emulator.AddUser("Alice");
        var chat = emulator.StartPrivateChat(bot, alice);
        var client = TestSupport.Client(emulator, bot);

        await client.SetWebhook(receiver.Url.ToString(), secretToken: "s3cret-token_1");
        emulator.SendText(chat, alice, "via webhook");

        var attempts = new[] { await receiver.NextAsync(), await receiver.NextAsync(), await receiver.NextAsync() };
        Assert.Equal([500, 500, 200], attempts.Select(a => a.Status));
        Assert.All(attempts, a => Assert.Equal("s3cret-token_1", a.Secret));
        Assert.All(attempts, a => Assert.Equal("via webhook", a.Update.GetProperty("message").GetProperty("text").GetString()));
        Assert.Single(attempts.Select(a => a.Update.GetProperty("update_id").GetInt64()).Distinct());
        await emulator.WaitForUpdatesConsumedAsync(bot, TestSupport.Timeout);

        var info = await client.GetWebhookInfo();
        Assert.Equal(receiver.Url.ToString(), info.Url);
        Assert.Equal(0, info.PendingUpdateCount);
        Assert.Equal("Wrong response from the webhook: 500 Internal Server Error", info.LastErrorMessage);
        emulator.AssertNoViolations();
    }

    [Fact]
    public async Task GetUpdates_conflicts_with_a_webhook_until_it_is_deleted()
    {
        await using var emulator = await TestSupport.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var bot = emulator.CreateBot("Relay", "relay_bot");
        var alice = emulator.AddUser("Alice");
        var chat = emulator.StartPrivateChat(bot, alice);
        var client = TestSupport.Client(emulator, bot);
        await client.SetWebhook(receiver.Url.ToString(), allowedUpdates: [UpdateType.Message]);

        var conflict = await Assert.ThrowsAsync<ApiRequestException>(() => client.GetUpdates());
        await client.DeleteWebhook();
        emulator.SendText(chat, alice, "polling again");
        var updates = await client.GetUpdates();

        Assert.Equal(409, conflict.ErrorCode);
        Assert.Equal("Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first", conflict.Message);
        Assert.Equal("polling again", Assert.Single(updates).Message!.Text);
        Assert.Equal("", (await client.GetWebhookInfo()).Url);
        emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Pending_updates_move_to_a_new_webhook_unless_dropped()
    {
        await using var emulator = await TestSupport.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var bot = emulator.CreateBot("Relay", "relay_bot");
        var alice = emulator.AddUser("Alice");
        var chat = emulator.StartPrivateChat(bot, alice);
        var client = TestSupport.Client(emulator, bot);
        emulator.SendText(chat, alice, "dropped");

        await client.SetWebhook(receiver.Url.ToString(), dropPendingUpdates: true);
        emulator.SendText(chat, alice, "kept");

        var (_, update, _) = await receiver.NextAsync();
        Assert.Equal("kept", update.GetProperty("message").GetProperty("text").GetString());
        emulator.AssertNoViolations();
    }
}
