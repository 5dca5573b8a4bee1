using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace Bridges.Emulators.Telegram.Tests;

/// <summary>Limits and refusals of the real Bot API that a bridge has to cope with.</summary>
public sealed class FidelityTests : IAsyncLifetime
{
    private TelegramBotApiEmulator _emulator = null!;
    private EmulatedBot _bot = null!;
    private EmulatedUser _alice = null!;
    private EmulatedUser _bob = null!;
    private TelegramBotClient _client = null!;

    public async Task InitializeAsync()
    {
        _emulator = await TestSupport.StartAsync();
        _bot = _emulator.CreateBot("Relay", "relay_bot");
        _alice = _emulator.AddUser("Alice", null, "alice");
        _bob = _emulator.AddUser("Bob", null, "bob");
        // No retries of its own: the tests see every 429.
        _client = TestSupport.Client(_emulator, _bot, retryThreshold: 0);
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task GetFile_refuses_files_over_20_MB_as_too_big()
    {
        var chat = _emulator.StartPrivateChat(_bot, _alice);
        var big = _emulator.SendDocument(chat, _alice, new byte[(20 * 1024 * 1024) + 1], "big.bin");
        var fileId = (string)_emulator.GetMessage(chat, big.MessageId)!["document"]!["file_id"]!;

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => _client.GetFile(fileId));

        Assert.Equal(400, error.ErrorCode);
        Assert.Equal("Bad Request: file is too big", error.Message);
    }

    [Fact]
    public async Task Message_thread_id_outside_a_forum_is_refused_as_thread_not_found()
    {
        var group = _emulator.CreateSupergroup("Plain", _alice);
        _emulator.AddBotToChat(group, _bot, _alice, asAdministrator: true);
        var root = await _client.SendMessage(group.Id, "root");

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => _client.SendMessage(group.Id, "in a thread?", messageThreadId: root.MessageId));

        Assert.Equal("Bad Request: message thread not found", error.Message);
        Assert.Single(_emulator.SentMessages);
    }

    [Theory]
    [InlineData(2100, 100)]
    [InlineData(6000, 4001)]
    public async Task SendPhoto_refuses_photos_beyond_its_dimension_limits_and_sendDocument_takes_them(int width, int height)
    {
        var chat = _emulator.StartPrivateChat(_bot, _alice);
        var png = EmulatorImages.CreatePng(width, height);

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => _client.SendPhoto(chat.Id, InputFile.FromStream(new MemoryStream(png), "wide.png")));
        var document = await _client.SendDocument(chat.Id, InputFile.FromStream(new MemoryStream(png), "wide.png"));

        Assert.Equal("Bad Request: PHOTO_INVALID_DIMENSIONS", error.Message);
        Assert.Equal("wide.png", document.Document!.FileName);
    }

    [Fact]
    public async Task SendPhoto_refuses_photos_over_10_MB()
    {
        await using var emulator = await TestSupport.StartAsync(new TelegramEmulatorOptions { MaxPhotoBytes = 1000 });
        var bot = emulator.CreateBot("Relay", "relay_bot");
        var chat = emulator.StartPrivateChat(bot, emulator.AddUser("Alice"));
        var client = TestSupport.Client(emulator, bot, retryThreshold: 0);

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => client.SendPhoto(chat.Id, InputFile.FromStream(new MemoryStream(EmulatorImages.CreatePng(300, 300)), "p.png")));

        Assert.Equal(400, error.ErrorCode);
        Assert.StartsWith("Bad Request: PHOTO_", error.Message, StringComparison.Ordinal);
        Assert.Equal(10 * 1024 * 1024, new TelegramEmulatorOptions().MaxPhotoBytes);
    }

    [Fact]
    public async Task Reactions_outside_telegrams_list_are_refused_even_as_emoji_variants()
    {
        var chat = _emulator.StartPrivateChat(_bot, _alice);
        var message = _emulator.SendText(chat, _alice, "love it");

        // U+2764 U+FE0F, as Matrix clients send it; Telegram's list has U+2764 alone.
        var error = await Assert.ThrowsAsync<ApiRequestException>(() => _client.SetMessageReaction(chat.Id, message.MessageId, [new ReactionTypeEmoji { Emoji = "\u2764\uFE0F" }]));
        await _client.SetMessageReaction(chat.Id, message.MessageId, [new ReactionTypeEmoji { Emoji = "\u2764" }]);

        Assert.Equal(400, error.ErrorCode);
        var reaction = Assert.Single(_emulator.BotActions.OfType<BotSetReaction>());
        Assert.Equal(["\u2764"], reaction.Reactions);
        _emulator.ClearViolations();
    }

    [Fact]
    public async Task Privacy_mode_is_on_by_default_and_lets_only_commands_replies_and_mentions_through()
    {
        var group = _emulator.CreateSupergroup("Private talk", _alice, members: _bob);
        _emulator.AddBotToChat(group, _bot, _alice);
        var me = await _client.GetMe();
        await Confirm(await _client.GetUpdates());
        var ownMessage = await _client.SendMessage(group.Id, "I am the bot");

        _emulator.SendText(group, _alice, "just chatting");
        _emulator.SendText(group, _alice, "/start");
        _emulator.SendText(group, _alice, "/help@other_bot");
        _emulator.SendText(group, _bob, "hey @relay_bot");
        _emulator.SendText(group, _bob, "replying", replyTo: ownMessage.MessageId);
        var seen = (await _client.GetUpdates()).Select(u => u.Message!.Text).ToList();
        await Confirm(await _client.GetUpdates());
        _emulator.SetPrivacyMode(_bot, false);
        _emulator.SendText(group, _alice, "now everything");
        var all = await _client.GetUpdates();

        Assert.False(me.CanReadAllGroupMessages);
        Assert.Equal(["/start", "hey @relay_bot", "replying"], seen);
        Assert.Equal("now everything", Assert.Single(all).Message!.Text);
        Assert.True((await _client.GetMe()).CanReadAllGroupMessages);
        _emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Flood_control_answers_429_with_retry_after_per_private_chat_and_per_group()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T12:00:00Z", CultureInfo.InvariantCulture));
        await using var emulator = await TestSupport.StartAsync(new TelegramEmulatorOptions { TimeProvider = clock });
        var bot = emulator.CreateBot("Relay", "relay_bot");
        var alice = emulator.AddUser("Alice");
        var client = TestSupport.Client(emulator, bot, retryThreshold: 0);
        var chat = emulator.StartPrivateChat(bot, alice);
        var group = emulator.CreateSupergroup("Busy", alice);
        emulator.AddBotToChat(group, bot, alice, asAdministrator: true);

        await client.SendMessage(chat.Id, "one");
        var privateError = await Assert.ThrowsAsync<ApiRequestException>(() => client.SendMessage(chat.Id, "two"));
        clock.Advance(TimeSpan.FromSeconds(1));
        await client.SendMessage(chat.Id, "two, a second later");
        for (var i = 0; i < 20; i++)
        {
            await client.SendMessage(group.Id, $"group {i}");
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        var groupError = await Assert.ThrowsAsync<ApiRequestException>(() => client.SendMessage(group.Id, "group 20"));
        clock.Advance(TimeSpan.FromSeconds(40));
        await client.SendMessage(group.Id, "group 20, after the wait");

        Assert.Equal(429, privateError.ErrorCode);
        Assert.Equal("Too Many Requests: retry after 1", privateError.Message);
        Assert.Equal(1, privateError.Parameters?.RetryAfter);
        // 20 sends over the last 20 seconds of a one-minute window: the oldest leaves it in 40 seconds.
        Assert.Equal(429, groupError.ErrorCode);
        Assert.Equal(40, groupError.Parameters?.RetryAfter);
        Assert.Equal(23, emulator.SentMessages.Count);
        emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Flood_control_allows_30_messages_a_second_over_all_chats()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T12:00:00Z", CultureInfo.InvariantCulture));
        await using var emulator = await TestSupport.StartAsync(new TelegramEmulatorOptions { TimeProvider = clock });
        var bot = emulator.CreateBot("Relay", "relay_bot");
        var client = TestSupport.Client(emulator, bot, retryThreshold: 0);
        var chats = Enumerable.Range(0, 31).Select(i => emulator.StartPrivateChat(bot, emulator.AddUser($"User {i}"))).ToList();

        foreach (var chat in chats.Take(30))
        {
            await client.SendMessage(chat.Id, "hello");
        }

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => client.SendMessage(chats[30].Id, "one too many"));
        clock.Advance(TimeSpan.FromSeconds(1));
        await client.SendMessage(chats[30].Id, "next second");

        Assert.Equal(429, error.ErrorCode);
        Assert.Equal(1, error.Parameters?.RetryAfter);
        Assert.Equal(31, emulator.SentMessages.Count);
        emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Injected_failure_hits_the_call_after_the_given_number_of_successes()
    {
        var chat = _emulator.StartPrivateChat(_bot, _alice);
        _emulator.InjectFailure("sendDocument", succeedFirst: 1, status: 502);

        await _client.SendDocument(chat.Id, InputFile.FromStream(new MemoryStream([1, 2]), "a.bin"));
        var error = await Assert.ThrowsAsync<ApiRequestException>(() => _client.SendDocument(chat.Id, InputFile.FromStream(new MemoryStream([3]), "b.bin")));

        Assert.Equal(502, error.ErrorCode);
        Assert.Single(_emulator.SentMessages);
    }

    private async Task Confirm(Update[] updates)
    {
        if (updates.Length > 0)
        {
            await _client.GetUpdates(offset: updates[^1].Id + 1);
        }
    }
}
