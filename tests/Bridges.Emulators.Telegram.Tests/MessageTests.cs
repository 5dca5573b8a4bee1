using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Bridges.Emulators.Telegram.Tests;

public sealed class MessageTests : IAsyncLifetime
{
    private TelegramBotApiEmulator _emulator = null!;
    private EmulatedBot _bot = null!;
    private EmulatedUser _alice = null!;
    private TelegramBotClient _client = null!;

    public async Task InitializeAsync()
    {
        _emulator = await TestSupport.StartAsync();
        _bot = _emulator.CreateBot("Relay", "relay_bot");
        _alice = _emulator.AddUser("Alice", null, "alice");
        _client = TestSupport.Client(_emulator, _bot);
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task Text_limit_is_4096_characters_after_entity_parsing()
    {
        var chat = _emulator.StartPrivateChat(_bot, _alice);
        // 4096 characters of text; the markup around them does not count.
        var fits = await _client.SendMessage(chat.Id, "<b>" + new string('a', 4096) + "</b>", ParseMode.Html);
        // Emoji outside the BMP are one character (two UTF-16 units) for the limit.
        await _client.SendMessage(chat.Id, string.Concat(Enumerable.Repeat("😀", 4096)));

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => _client.SendMessage(chat.Id, new string('a', 4097)));

        Assert.Equal(4096, fits.Text!.Length);
        Assert.Equal(400, error.ErrorCode);
        Assert.Equal("Bad Request: message is too long", error.Message);
        Assert.Equal(2, _emulator.SentMessages.Count);
        _emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Html_and_MarkdownV2_become_entities_like_Telegram()
    {
        var chat = _emulator.StartPrivateChat(_bot, _alice);

        var html = await _client.SendMessage(chat.Id,
            "<b>bold</b> <a href=\"https://example.org\">link</a> &lt;3 <pre><code class=\"language-cs\">x</code></pre>", ParseMode.Html);
        var markdown = await _client.SendMessage(chat.Id, @"*bold* _it_ __under__ ~gone~ ||secret|| [link](https://example.org) `c` done\.", ParseMode.MarkdownV2);
        var unescaped = await Assert.ThrowsAsync<ApiRequestException>(() => _client.SendMessage(chat.Id, "end.", ParseMode.MarkdownV2));

        Assert.Equal("bold link <3 x", html.Text);
        Assert.Equal([MessageEntityType.Bold, MessageEntityType.TextLink, MessageEntityType.Pre], html.Entities!.Select(e => e.Type));
        Assert.Equal("https://example.org/", html.Entities![1].Url);
        Assert.Equal("cs", html.Entities[2].Language);
        Assert.Equal("bold it under gone secret link c done.", markdown.Text);
        Assert.Equal(
            [MessageEntityType.Bold, MessageEntityType.Italic, MessageEntityType.Underline, MessageEntityType.Strikethrough,
             MessageEntityType.Spoiler, MessageEntityType.TextLink, MessageEntityType.Code],
            markdown.Entities!.Select(e => e.Type));
        Assert.Equal("Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'", unescaped.Message);
        _emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Replies_and_forum_topics_carry_thread_ids()
    {
        var forum = _emulator.CreateSupergroup("Forum", _alice, isForum: true);
        _emulator.AddBotToChat(forum, _bot, _alice);
        var topic = _emulator.CreateForumTopic(forum, _alice, "Ideas");
        var question = _emulator.SendText(forum, _alice, "in the topic", threadId: topic.ThreadId);

        var answer = await _client.SendMessage(forum.Id, "answer", messageThreadId: topic.ThreadId,
            replyParameters: new ReplyParameters { MessageId = question.MessageId });
        var inTopic = await _client.SendMessage(forum.Id, "no explicit reply", messageThreadId: topic.ThreadId);
        var missing = await Assert.ThrowsAsync<ApiRequestException>(() => _client.SendMessage(forum.Id, "x", messageThreadId: 9999));

        Assert.Equal(topic.ThreadId, question.ThreadId);
        Assert.Equal(true, question.Message["is_topic_message"]?.GetValue<bool>());
        Assert.Equal(topic.ThreadId, answer.MessageThreadId);
        Assert.True(answer.IsTopicMessage);
        Assert.Equal(question.MessageId, answer.ReplyToMessage!.MessageId);
        // Telegram makes a topic message without an explicit reply a reply to the topic's creation message.
        Assert.Equal(topic.ThreadId, inTopic.ReplyToMessage!.MessageId);
        Assert.NotNull(inTopic.ReplyToMessage.ForumTopicCreated);
        Assert.Equal("Bad Request: message thread not found", missing.Message);
        _emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Reply_to_a_missing_message_fails_unless_allowed()
    {
        var chat = _emulator.StartPrivateChat(_bot, _alice);

        var error = await Assert.ThrowsAsync<ApiRequestException>(() =>
            _client.SendMessage(chat.Id, "x", replyParameters: new ReplyParameters { MessageId = 42 }));
        var allowed = await _client.SendMessage(chat.Id, "x", replyParameters: new ReplyParameters { MessageId = 42, AllowSendingWithoutReply = true });

        Assert.Equal("Bad Request: message to be replied not found", error.Message);
        Assert.Null(allowed.ReplyToMessage);
        _emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Edits_deletions_reactions_and_chat_actions_are_recorded()
    {
        var chat = _emulator.StartPrivateChat(_bot, _alice);
        var incoming = _emulator.SendText(chat, _alice, "hi bot");
        var sent = await _client.SendMessage(chat.Id, "first draft");

        var edited = await _client.EditMessageText(chat.Id, sent.MessageId, "final", entities: [new MessageEntity { Type = MessageEntityType.Italic, Offset = 0, Length = 5 }]);
        var notModified = await Assert.ThrowsAsync<ApiRequestException>(() =>
            _client.EditMessageText(chat.Id, sent.MessageId, "final", entities: [new MessageEntity { Type = MessageEntityType.Italic, Offset = 0, Length = 5 }]));
        var notOwn = await Assert.ThrowsAsync<ApiRequestException>(() => _client.EditMessageText(chat.Id, incoming.MessageId, "hijack"));
        await _client.SetMessageReaction(chat.Id, incoming.MessageId, [new ReactionTypeEmoji { Emoji = "👍" }]);
        await _client.SendChatAction(chat.Id, ChatAction.Typing);
        await _client.DeleteMessage(chat.Id, sent.MessageId);
        var gone = await Assert.ThrowsAsync<ApiRequestException>(() => _client.DeleteMessage(chat.Id, sent.MessageId));

        Assert.Equal("final", edited.Text);
        Assert.NotNull(edited.EditDate);
        Assert.StartsWith("Bad Request: message is not modified", notModified.Message);
        Assert.Equal("Bad Request: message can't be edited", notOwn.Message);
        Assert.Equal("Bad Request: message to delete not found", gone.Message);
        Assert.Equal("final", (await _emulator.WaitForBotActionAsync<BotEditedMessage>(e => e.MessageId == sent.MessageId, TestSupport.Timeout)).Text);
        var reaction = await _emulator.WaitForBotActionAsync<BotSetReaction>(_ => true, TestSupport.Timeout);
        Assert.Equal(["👍"], reaction.Reactions);
        Assert.Equal(incoming.MessageId, reaction.MessageId);
        Assert.Equal("typing", (await _emulator.WaitForBotActionAsync<BotSentChatAction>(_ => true, TestSupport.Timeout)).Action);
        Assert.Equal(sent.MessageId, (await _emulator.WaitForBotActionAsync<BotDeletedMessage>(_ => true, TestSupport.Timeout)).MessageId);
        Assert.Null(_emulator.GetMessage(chat, sent.MessageId));
        _emulator.AssertNoViolations();
    }

    [Fact]
    public async Task A_bot_reply_can_be_awaited_while_the_bot_works()
    {
        var chat = _emulator.StartPrivateChat(_bot, _alice);
        var waiting = _emulator.WaitForBotMessageAsync(m => m.Text == "pong", TestSupport.Timeout);
        _emulator.SendText(chat, _alice, "ping");

        var ping = Assert.Single(await _client.GetUpdates());
        await _client.SendMessage(chat.Id, "pong", replyParameters: ping.Message!.MessageId);

        var pong = await waiting;
        Assert.Equal(ping.Message.MessageId, pong.ReplyToMessageId);
        Assert.Equal(chat.Id, pong.ChatId);
        _emulator.AssertNoViolations();
    }

    [Fact]
    public async Task User_edits_arrive_as_edited_message()
    {
        var chat = _emulator.StartPrivateChat(_bot, _alice);
        var message = _emulator.SendText(chat, _alice, "teh typo");
        _emulator.EditText(message, "the typo", [new TextEntity("bold", 0, 3)]);

        var updates = await _client.GetUpdates();

        Assert.Equal([UpdateType.Message, UpdateType.EditedMessage], updates.Select(u => u.Type));
        var edited = updates[1].EditedMessage!;
        Assert.Equal(message.MessageId, edited.MessageId);
        Assert.Equal("the typo", edited.Text);
        Assert.Equal(MessageEntityType.Bold, Assert.Single(edited.Entities!).Type);
        Assert.NotNull(edited.EditDate);
        _emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Blocked_bot_gets_403_and_a_my_chat_member_update()
    {
        var chat = _emulator.StartPrivateChat(_bot, _alice);
        _emulator.BlockBot(_alice, _bot);

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => _client.SendMessage(chat.Id, "still there?"));
        var update = Assert.Single(await _client.GetUpdates());

        Assert.Equal(403, error.ErrorCode);
        Assert.Equal("Forbidden: bot was blocked by the user", error.Message);
        Assert.Equal(ChatMemberStatus.Kicked, update.MyChatMember!.NewChatMember.Status);
        _emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Link_preview_options_and_deleteMessages_behave_like_Telegram()
    {
        var chat = _emulator.StartPrivateChat(_bot, _alice);
        var first = await _client.SendMessage(chat.Id, "see https://example.org", linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true });
        var second = await _client.SendMessage(chat.Id, "two");

        await _client.DeleteMessages(chat.Id, [first.MessageId, second.MessageId, 999]);

        Assert.True(first.LinkPreviewOptions!.IsDisabled);
        Assert.Equal([first.MessageId, second.MessageId], _emulator.BotActions.OfType<BotDeletedMessage>().Select(d => d.MessageId));
        _emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Telegram_Bot_receiver_loop_gets_messages_and_confirms_them()
    {
        var chat = _emulator.StartPrivateChat(_bot, _alice);
        var received = new TaskCompletionSource<Message>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var client = new TelegramBotClient(new TelegramBotClientOptions(_bot.Token, baseUrl: _emulator.BaseUrl.ToString()), cancellationToken: stop.Token);
        client.OnMessage += (message, _) =>
        {
            received.TrySetResult(message);
            return Task.CompletedTask;
        };

        await _emulator.WaitForLongPollAsync(_bot, TestSupport.Timeout);
        _emulator.SendText(chat, _alice, "through the receiver");
        var message = await received.Task.WaitAsync(TestSupport.Timeout);
        // The receiver confirms with the next offset on its following poll.
        await _emulator.WaitForUpdatesConsumedAsync(_bot, TestSupport.Timeout);
        await stop.CancelAsync();

        Assert.Equal("through the receiver", message.Text);
        _emulator.AssertNoViolations();
    }
}
