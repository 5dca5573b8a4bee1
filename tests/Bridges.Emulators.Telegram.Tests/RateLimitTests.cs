using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace Bridges.Emulators.Telegram.Tests;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Injected_429_reaches_Telegram_Bot_as_ApiRequestException_with_RetryAfter()
    {
        await using var emulator = await TestSupport.StartAsync();
        var bot = emulator.CreateBot("Relay", "relay_bot");
        var alice = emulator.AddUser("Alice");
        var chat = emulator.StartPrivateChat(bot, alice);
        // RetryThreshold 0: the client does not retry by itself, as a bridge with its own retry policy would set it.
        var client = TestSupport.Client(emulator, bot, retryThreshold: 0);
        emulator.InjectRateLimit("sendMessage", retryAfterSeconds: 7);

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => client.SendMessage(chat.Id, "hi"));

        Assert.Equal(429, error.ErrorCode);
        Assert.Equal("Too Many Requests: retry after 7", error.Message);
        Assert.Equal(7, error.Parameters?.RetryAfter);
        Assert.Empty(emulator.SentMessages);
        // The limit was for one call: the next one goes through.
        await client.SendMessage(chat.Id, "hi");
        Assert.Equal("hi", Assert.Single(emulator.SentMessages).Text);
        emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Telegram_Bot_retries_a_short_retry_after_by_itself()
    {
        await using var emulator = await TestSupport.StartAsync();
        var bot = emulator.CreateBot("Relay", "relay_bot");
        var alice = emulator.AddUser("Alice");
        var chat = emulator.StartPrivateChat(bot, alice);
        var client = TestSupport.Client(emulator, bot);
        emulator.InjectRateLimit("SENDMESSAGE", retryAfterSeconds: 1);

        var sent = await client.SendMessage(chat.Id, "after the pause");

        Assert.Equal("after the pause", sent.Text);
        Assert.Equal([429, 200], emulator.Requests.Where(r => r.Method == "sendMessage").Select(r => r.StatusCode));
        emulator.AssertNoViolations();
    }
}
