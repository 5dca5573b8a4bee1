using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Bridges.Emulators.Telegram.Tests;

public sealed class PollingTests
{
    [Fact]
    public async Task GetMe_through_Telegram_Bot_returns_the_bot_user()
    {
        await using var emulator = await TestSupport.StartAsync();
        var bot = emulator.CreateBot("Relay", "relay_bot");
        var client = TestSupport.Client(emulator, bot);

        var me = await client.GetMe();

        Assert.Equal(bot.Id, me.Id);
        Assert.True(me.IsBot);
        Assert.Equal("relay_bot", me.Username);
        Assert.Equal("Relay", me.FirstName);
        Assert.Equal(bot.Id, client.BotId);
        emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Long_poll_returns_as_soon_as_a_user_writes()
    {
        await using var emulator = await TestSupport.StartAsync();
        var bot = emulator.CreateBot("Relay", "relay_bot");
        var alice = emulator.AddUser("Alice", "Liddell", "alice");
        var chat = emulator.StartPrivateChat(bot, alice);
        var client = TestSupport.Client(emulator, bot);

        var poll = client.GetUpdates(timeout: 30);
        Assert.False(poll.IsCompleted);
        emulator.SendText(chat, alice, "hello https://example.com");
        var updates = await poll.WaitAsync(TestSupport.Timeout);

        var update = Assert.Single(updates);
        Assert.Equal(UpdateType.Message, update.Type);
        Assert.Equal("hello https://example.com", update.Message!.Text);
        Assert.Equal(alice.Id, update.Message.From!.Id);
        Assert.Equal(ChatType.Private, update.Message.Chat.Type);
        var url = Assert.Single(update.Message.Entities!);
        Assert.Equal(MessageEntityType.Url, url.Type);
        Assert.Equal(6, url.Offset);
        emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Offset_confirms_updates_and_only_newer_ones_come_back()
    {
        await using var emulator = await TestSupport.StartAsync();
        var bot = emulator.CreateBot("Relay", "relay_bot");
        var alice = emulator.AddUser("Alice");
        var chat = emulator.StartPrivateChat(bot, alice);
        var client = TestSupport.Client(emulator, bot);
        emulator.SendText(chat, alice, "one");
        emulator.SendText(chat, alice, "two");

        var first = await client.GetUpdates();
        Assert.Equal(["one", "two"], first.Select(u => u.Message!.Text));
        Assert.Equal(first[0].Id + 1, first[1].Id);
        // Without an offset nothing is confirmed: the same updates come again.
        Assert.Equal(first.Select(u => u.Id), (await client.GetUpdates()).Select(u => u.Id));

        emulator.SendText(chat, alice, "three");
        var next = await client.GetUpdates(offset: first[^1].Id + 1);

        Assert.Equal("three", Assert.Single(next).Message!.Text);
        Assert.True(next[0].Id > first[^1].Id);
        Assert.Single(emulator.PendingUpdates(bot));
        await client.GetUpdates(offset: next[0].Id + 1);
        await emulator.WaitForUpdatesConsumedAsync(bot, TestSupport.Timeout);
        emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Limit_and_negative_offset_behave_like_Telegram()
    {
        await using var emulator = await TestSupport.StartAsync();
        var bot = emulator.CreateBot("Relay", "relay_bot");
        var alice = emulator.AddUser("Alice");
        var chat = emulator.StartPrivateChat(bot, alice);
        var client = TestSupport.Client(emulator, bot);
        foreach (var text in new[] { "a", "b", "c", "d" })
        {
            emulator.SendText(chat, alice, text);
        }

        Assert.Equal(["a", "b"], (await client.GetUpdates(limit: 2)).Select(u => u.Message!.Text));
        // -1 keeps only the newest update and forgets the rest.
        Assert.Equal(["d"], (await client.GetUpdates(offset: -1)).Select(u => u.Message!.Text));
        Assert.Single(emulator.PendingUpdates(bot));
        emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Reactions_arrive_only_when_asked_for_in_allowed_updates()
    {
        await using var emulator = await TestSupport.StartAsync();
        var bot = emulator.CreateBot("Relay", "relay_bot");
        var alice = emulator.AddUser("Alice");
        var chat = emulator.StartPrivateChat(bot, alice);
        var client = TestSupport.Client(emulator, bot);
        var message = emulator.SendText(chat, alice, "react to me");
        emulator.React(message, alice, "👍");

        var byDefault = await client.GetUpdates();
        Assert.Equal([UpdateType.Message], byDefault.Select(u => u.Type));

        var confirmed = await client.GetUpdates(offset: byDefault[^1].Id + 1, allowedUpdates: [UpdateType.Message, UpdateType.MessageReaction]);
        Assert.Empty(confirmed);
        emulator.React(message, alice, "🔥");
        var updates = await client.GetUpdates(offset: byDefault[^1].Id + 1, timeout: 5);

        var reaction = Assert.Single(updates).MessageReaction!;
        Assert.Equal(message.MessageId, reaction.MessageId);
        Assert.Equal(alice.Id, reaction.User!.Id);
        Assert.Equal("👍", Assert.IsType<ReactionTypeEmoji>(Assert.Single(reaction.OldReaction)).Emoji);
        Assert.Equal("🔥", Assert.IsType<ReactionTypeEmoji>(Assert.Single(reaction.NewReaction)).Emoji);
        emulator.AssertNoViolations();
    }

    [Fact]
    public async Task A_second_poller_ends_the_first_with_409()
    {
        await using var emulator = await TestSupport.StartAsync();
        var bot = emulator.CreateBot("Relay", "relay_bot");
        var first = TestSupport.Client(emulator, bot);
        var second = TestSupport.Client(emulator, bot);

        var waiting = first.GetUpdates(timeout: 30);
        await emulator.WaitForLongPollAsync(bot, TestSupport.Timeout);
        var other = second.GetUpdates(timeout: 1);

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => waiting.WaitAsync(TestSupport.Timeout));
        Assert.Equal(409, error.ErrorCode);
        Assert.StartsWith("Conflict: terminated by other getUpdates request", error.Message);
        Assert.Empty(await other.WaitAsync(TestSupport.Timeout));
    }
}
