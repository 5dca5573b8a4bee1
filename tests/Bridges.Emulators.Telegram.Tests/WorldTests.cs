using System.Text.Json;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Bridges.Emulators.Telegram.Tests;

public sealed class WorldTests : IAsyncLifetime
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
        _alice = _emulator.AddUser("Alice", "Liddell", "alice");
        _bob = _emulator.AddUser("Bob");
        _client = TestSupport.Client(_emulator, _bot);
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task Adding_the_bot_to_a_group_sends_my_chat_member_and_a_service_message()
    {
        var group = _emulator.CreateGroup("Tea party", _alice, _bob);
        _emulator.AddBotToChat(group, _bot, _alice);

        var updates = await _client.GetUpdates();

        Assert.Equal([UpdateType.MyChatMember, UpdateType.Message], updates.Select(u => u.Type));
        var membership = updates[0].MyChatMember!;
        Assert.Equal(ChatMemberStatus.Left, membership.OldChatMember.Status);
        Assert.Equal(ChatMemberStatus.Member, membership.NewChatMember.Status);
        Assert.Equal(_alice.Id, membership.From.Id);
        Assert.Equal(group.Id, membership.Chat.Id);
        Assert.Equal(ChatType.Group, membership.Chat.Type);
        Assert.Equal(_bot.Id, Assert.Single(updates[1].Message!.NewChatMembers!).Id);
        Assert.True(group.Id < 0);
        _emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Joins_leaves_and_chat_changes_become_service_messages()
    {
        var group = _emulator.CreateGroup("Tea party", _alice);
        _emulator.AddBotToChat(group, _bot, _alice, asAdministrator: true);
        await Confirm(await _client.GetUpdates(allowedUpdates: [UpdateType.Message, UpdateType.ChatMember]));

        _emulator.AddUserToChat(group, _bob, _alice);
        _emulator.RemoveUserFromChat(group, _bob);
        _emulator.SetChatTitle(group, _alice, "Mad tea party");
        _emulator.SetChatPhoto(group, _alice, EmulatorImages.CreatePng(640, 640));
        var updates = await _client.GetUpdates();

        Assert.Equal(
            [UpdateType.ChatMember, UpdateType.Message, UpdateType.ChatMember, UpdateType.Message, UpdateType.Message, UpdateType.Message],
            updates.Select(u => u.Type));
        Assert.Equal(_bob.Id, Assert.Single(updates[1].Message!.NewChatMembers!).Id);
        Assert.Equal(_bob.Id, updates[3].Message!.LeftChatMember!.Id);
        Assert.Equal(ChatMemberStatus.Left, updates[2].ChatMember!.NewChatMember.Status);
        Assert.Equal("Mad tea party", updates[4].Message!.NewChatTitle);
        Assert.Equal(640, updates[5].Message!.NewChatPhoto![^1].Width);
        var chat = await _client.GetChat(group.Id);
        Assert.Equal("Mad tea party", chat.Title);
        Assert.NotNull(chat.Photo);
        _emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Migration_to_a_supergroup_is_announced_and_the_old_id_answers_with_migrate_to_chat_id()
    {
        var group = _emulator.CreateGroup("Growing", _alice, _bob);
        _emulator.AddBotToChat(group, _bot, _alice);
        await Confirm(await _client.GetUpdates());

        var supergroup = _emulator.MigrateToSupergroup(group, _alice);
        var updates = await _client.GetUpdates();
        var error = await Assert.ThrowsAsync<ApiRequestException>(() => _client.SendMessage(group.Id, "hello?"));
        var moved = await _client.SendMessage(supergroup.Id, "hello!");

        Assert.Equal(supergroup.Id, updates[0].Message!.MigrateToChatId);
        Assert.Equal(group.Id, updates[0].Message!.Chat.Id);
        Assert.Equal(group.Id, updates[1].Message!.MigrateFromChatId);
        Assert.Equal(supergroup.Id, updates[1].Message!.Chat.Id);
        Assert.StartsWith("-100", supergroup.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Bad Request: group chat was upgraded to a supergroup chat", error.Message);
        Assert.Equal(supergroup.Id, error.Parameters?.MigrateToChatId);
        Assert.Equal(ChatType.Supergroup, moved.Chat.Type);
        _emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Group_reactions_reach_only_administrator_bots()
    {
        var group = _emulator.CreateSupergroup("Reactors", _alice, members: _bob);
        var other = _emulator.CreateBot("Other", "other_bot");
        var otherClient = TestSupport.Client(_emulator, other);
        _emulator.AddBotToChat(group, _bot, _alice, asAdministrator: true);
        _emulator.AddBotToChat(group, other, _alice);
        // Not an administrator: it sees Bob's plain message only with privacy mode off.
        _emulator.SetPrivacyMode(other, false);
        var allowed = new[] { UpdateType.Message, UpdateType.MessageReaction };
        await Confirm(await _client.GetUpdates(allowedUpdates: allowed));
        await Confirm(await otherClient.GetUpdates(allowedUpdates: allowed), otherClient);

        var message = _emulator.SendText(group, _bob, "react");
        _emulator.React(message, _alice, "❤");

        Assert.Equal([UpdateType.Message, UpdateType.MessageReaction], (await _client.GetUpdates()).Select(u => u.Type));
        Assert.Equal([UpdateType.Message], (await otherClient.GetUpdates()).Select(u => u.Type));
        _emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Chat_queries_describe_members_admins_and_profile_photos()
    {
        var group = _emulator.CreateSupergroup("Queries", _alice, username: "queries", members: _bob);
        _emulator.AddBotToChat(group, _bot, _alice, asAdministrator: true);
        _emulator.SetUserProfilePhoto(_bob, EmulatorImages.CreatePng(200, 200));

        var byUsername = await _client.GetChat("@queries");
        var owner = await _client.GetChatMember(group.Id, _alice.Id);
        var bob = await _client.GetChatMember(group.Id, _bob.Id);
        var admins = await _client.GetChatAdministrators(group.Id);
        var photos = await _client.GetUserProfilePhotos(_bob.Id);
        var stranger = _emulator.AddUser("Stranger");
        var left = await _client.GetChatMember(group.Id, stranger.Id);

        Assert.Equal(group.Id, byUsername.Id);
        Assert.Equal(ChatMemberStatus.Creator, owner.Status);
        Assert.Equal(ChatMemberStatus.Member, bob.Status);
        Assert.Equal(ChatMemberStatus.Left, left.Status);
        Assert.Equal([_alice.Id, _bot.Id], admins.Select(a => a.User.Id).Order());
        Assert.Equal(1, photos.TotalCount);
        Assert.Equal(200, photos.Photos[0][^1].Width);
        Assert.Equal(2, await _client.GetChatMemberCount(group.Id) - 1);
        _emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Bot_admin_can_change_title_and_photo_and_a_non_member_bot_is_forbidden()
    {
        var group = _emulator.CreateGroup("Old", _alice);
        _emulator.AddBotToChat(group, _bot, _alice);
        var notAdmin = await Assert.ThrowsAsync<ApiRequestException>(() => _client.SetChatTitle(group.Id, "New"));
        _emulator.PromoteBot(group, _bot, _alice);

        await _client.SetChatTitle(group.Id, "New");
        await _client.SetChatPhoto(group.Id, InputFile.FromStream(new MemoryStream(EmulatorImages.CreatePng(100, 100)), "p.png"));
        _emulator.RemoveBotFromChat(group, _bot, _alice);
        var removed = await Assert.ThrowsAsync<ApiRequestException>(() => _client.SendMessage(group.Id, "still here?"));

        Assert.Equal("Bad Request: not enough rights to change chat title", notAdmin.Message);
        Assert.Equal(["setChatTitle", "setChatPhoto"], _emulator.BotActions.OfType<BotChangedChat>().Select(c => c.Method));
        Assert.Equal(403, removed.ErrorCode);
        Assert.Equal("Forbidden: bot is not a member of the group chat", removed.Message);
        _emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Every_update_kind_the_world_produces_matches_the_spec()
    {
        var forum = _emulator.CreateSupergroup("Everything", _alice, isForum: true, members: _bob);
        _emulator.AddBotToChat(forum, _bot, _alice, asAdministrator: true);
        var topic = _emulator.CreateForumTopic(forum, _alice, "General chat");
        var text = _emulator.SendText(forum, _alice, "see @alice and #tag /start https://x.org", [new TextEntity("text_mention", 0, 3) { UserId = _bob.Id }],
            threadId: topic.ThreadId);
        _emulator.SendPhoto(forum, _bob, EmulatorImages.CreatePng(3000, 2000), "big", [new TextEntity("bold", 0, 3)], replyTo: text.MessageId);
        _emulator.SendDocument(forum, _bob, "%PDF"u8.ToArray(), "a.pdf");
        _emulator.SendSticker(forum, _bob, [0x1F, 0x8B, 0x08]);
        _emulator.SendVoice(forum, _bob, [1], 4, "voice note");
        _emulator.SendVideo(forum, _bob, [2], 1280, 720, 10);
        _emulator.SendAnimation(forum, _bob, [3], 320, 240, 2);
        _emulator.SendLocation(forum, _bob, 51.5, -0.12);
        _emulator.SendPoll(forum, _bob, "Tea?", ["yes", "no"]);
        var edited = _emulator.EditText(text, "edited");
        _emulator.React(edited, _bob, "👍");
        _emulator.DeleteChatPhoto(forum, _alice);

        var updates = await _client.GetUpdates(allowedUpdates: []);
        // getUpdates results were validated by the emulator itself; check the queue directly as well.
        foreach (var update in _emulator.PendingUpdates(_bot))
        {
            var errors = _emulator.Spec.ValidateObject("Update", JsonSerializer.SerializeToElement(update));
            Assert.True(errors.Count == 0, string.Join("\n", errors));
        }

        Assert.Equal(14, updates.Length);
        Assert.Equal(MessageType.Sticker, updates[6].Message!.Type);
        Assert.Equal(5, updates[4].Message!.Photo!.Length);
        Assert.Equal(2560, updates[4].Message!.Photo![^1].Width);
        Assert.Contains(updates[3].Message!.Entities!, e => e.Type == MessageEntityType.TextMention && e.User!.Id == _bob.Id);
        Assert.Equal(
            [MessageEntityType.TextMention, MessageEntityType.Mention, MessageEntityType.Hashtag, MessageEntityType.BotCommand, MessageEntityType.Url],
            updates[3].Message!.Entities!.Select(e => e.Type));
        _emulator.AssertNoViolations();
    }

    private async Task Confirm(Update[] updates, TelegramBotClient? client = null)
    {
        if (updates.Length > 0)
        {
            await (client ?? _client).GetUpdates(offset: updates[^1].Id + 1);
        }
    }
}
