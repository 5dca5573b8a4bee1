using System.Text.Json.Nodes;
using Bridges.Emulators.Telegram.World;

namespace Bridges.Emulators.Telegram;

/// <summary>Setting up the simulated world: users, chats, topics and memberships, with the updates they cause.</summary>
public sealed partial class TelegramBotApiEmulator
{
    /// <summary>Adds a Telegram user.</summary>
    public EmulatedUser AddUser(string firstName, string? lastName = null, string? username = null, string? languageCode = null)
    {
        lock (_world.Gate)
        {
            return Handle(_world.AddUser(firstName, lastName, username, languageCode));
        }
    }

    /// <summary>The user started the bot: their private chat exists from now on (no message is sent).</summary>
    public EmulatedChat StartPrivateChat(EmulatedBot bot, EmulatedUser user)
    {
        lock (_world.Gate)
        {
            return Handle(_world.PrivateChat(Resolve(bot), Resolve(user)));
        }
    }

    /// <summary>Creates a basic group (negative id) with a group_chat_created message.</summary>
    public EmulatedChat CreateGroup(string title, EmulatedUser creator, params EmulatedUser[] members)
    {
        lock (_world.Gate)
        {
            var chat = _world.AddGroup(title);
            AddMembers(chat, creator, members);
            _world.PostMessage(chat, Resolve(creator), null, null, json => json["group_chat_created"] = true);
            return Handle(chat);
        }
    }

    /// <summary>Creates a supergroup (id -100…), optionally a forum and optionally public (@username).</summary>
    public EmulatedChat CreateSupergroup(string title, EmulatedUser creator, bool isForum = false, string? username = null,
        params EmulatedUser[] members)
    {
        lock (_world.Gate)
        {
            var chat = _world.AddSupergroup(title, isForum, username);
            AddMembers(chat, creator, members);
            return Handle(chat);
        }
    }

    /// <summary>Creates a topic in a forum: a forum_topic_created message whose id is the topic's thread id.</summary>
    public EmulatedTopic CreateForumTopic(EmulatedChat forum, EmulatedUser creator, string name, int iconColor = 0x6FB9F0)
    {
        lock (_world.Gate)
        {
            var chat = Resolve(forum);
            if (!chat.IsForum)
            {
                throw new ArgumentException("topics exist only in forum supergroups", nameof(forum));
            }

            var message = _world.PostMessage(chat, Resolve(creator), null, null,
                json => json["forum_topic_created"] = new JsonObject { ["name"] = name, ["icon_color"] = iconColor });
            // The creation message is the first message of its own topic.
            message.Json["message_thread_id"] = message.Id;
            message.Json["is_topic_message"] = true;
            chat.Topics[message.Id] = name;
            _world.DeliverMessage(chat, message);
            return new EmulatedTopic(Handle(chat), message.Id, name);
        }
    }

    /// <summary>
    /// <paramref name="addedBy"/> adds the bot to a group: the bot gets my_chat_member, then everyone gets the
    /// new_chat_members service message (which is returned).
    /// </summary>
    public EmulatedMessage AddBotToChat(EmulatedChat chat, EmulatedBot bot, EmulatedUser addedBy, bool asAdministrator = false)
    {
        lock (_world.Gate)
        {
            var state = Resolve(chat);
            var botState = Resolve(bot);
            var actor = Resolve(addedBy);
            ChangeStatus(state, botState.User, actor, asAdministrator ? "administrator" : "member");
            var message = _world.PostMessage(state, actor, null, null,
                json => json["new_chat_members"] = new JsonArray(botState.User.ToJson()));
            _world.DeliverMessage(state, message);
            return Handle(state, message);
        }
    }

    /// <summary>Makes a member bot an administrator (my_chat_member update, no message).</summary>
    public void PromoteBot(EmulatedChat chat, EmulatedBot bot, EmulatedUser by)
    {
        lock (_world.Gate)
        {
            ChangeStatus(Resolve(chat), Resolve(bot).User, Resolve(by), "administrator");
        }
    }

    /// <summary>Removes a bot from a group: my_chat_member (left, or kicked in a supergroup) and left_chat_member.</summary>
    public EmulatedMessage RemoveBotFromChat(EmulatedChat chat, EmulatedBot bot, EmulatedUser by)
    {
        lock (_world.Gate)
        {
            var state = Resolve(chat);
            var botUser = Resolve(bot).User;
            var actor = Resolve(by);
            ChangeStatus(state, botUser, actor, state.Type == "supergroup" ? "kicked" : "left");
            var message = _world.PostMessage(state, actor, null, null, json => json["left_chat_member"] = botUser.ToJson());
            _world.DeliverMessage(state, message);
            return Handle(state, message);
        }
    }

    /// <summary>A user joins (<paramref name="addedBy"/> null) or is added: new_chat_members message and chat_member.</summary>
    public EmulatedMessage AddUserToChat(EmulatedChat chat, EmulatedUser user, EmulatedUser? addedBy = null)
    {
        lock (_world.Gate)
        {
            var state = Resolve(chat);
            var member = Resolve(user);
            var actor = addedBy is null ? member : Resolve(addedBy);
            ChangeStatus(state, member, actor, "member");
            var message = _world.PostMessage(state, actor, null, null, json => json["new_chat_members"] = new JsonArray(member.ToJson()));
            _world.DeliverMessage(state, message);
            return Handle(state, message);
        }
    }

    /// <summary>A user leaves (<paramref name="removedBy"/> null) or is removed: left_chat_member message and chat_member.</summary>
    public EmulatedMessage RemoveUserFromChat(EmulatedChat chat, EmulatedUser user, EmulatedUser? removedBy = null)
    {
        lock (_world.Gate)
        {
            var state = Resolve(chat);
            var member = Resolve(user);
            var actor = removedBy is null ? member : Resolve(removedBy);
            ChangeStatus(state, member, actor, removedBy is not null && state.Type == "supergroup" ? "kicked" : "left");
            var message = _world.PostMessage(state, actor, null, null, json => json["left_chat_member"] = member.ToJson());
            _world.DeliverMessage(state, message);
            return Handle(state, message);
        }
    }

    /// <summary>
    /// Upgrades a basic group to a supergroup, as Telegram does when a group grows or gets some settings: the old
    /// group gets a migrate_to_chat_id message, the new supergroup a migrate_from_chat_id message, and from then on
    /// calls with the old id fail with 400 and <c>parameters.migrate_to_chat_id</c>.
    /// </summary>
    public EmulatedChat MigrateToSupergroup(EmulatedChat group, EmulatedUser by)
    {
        lock (_world.Gate)
        {
            var old = Resolve(group);
            if (old.Type != "group" || old.MigratedToChatId is not null)
            {
                throw new ArgumentException("only a basic group that was not migrated yet can be migrated", nameof(group));
            }

            var actor = Resolve(by);
            var supergroup = _world.AddSupergroup(old.Title!, false, null);
            foreach (var member in old.Members.Values)
            {
                supergroup.Members[member.UserId] = new MemberState(member.UserId, member.Status);
            }

            supergroup.Photo = old.Photo;
            var toMessage = _world.PostMessage(old, actor, null, null, json => json["migrate_to_chat_id"] = supergroup.Id);
            _world.DeliverMessage(old, toMessage);
            old.MigratedToChatId = supergroup.Id;
            var fromMessage = _world.PostMessage(supergroup, actor, null, null, json => json["migrate_from_chat_id"] = old.Id);
            _world.DeliverMessage(supergroup, fromMessage);
            return Handle(supergroup);
        }
    }

    /// <summary>Gives a user a new profile photo (shown first by getUserProfilePhotos).</summary>
    public void SetUserProfilePhoto(EmulatedUser user, byte[] image)
    {
        ArgumentNullException.ThrowIfNull(image);
        lock (_world.Gate)
        {
            var info = ImageInfo.Read(image) ?? throw new ArgumentException("not a PNG, JPEG, GIF, BMP or WebP image", nameof(image));
            Resolve(user).ProfilePhotos.Insert(0, _world.Files.AddPhoto("profile_photo", image, info.Width, info.Height, "jpg"));
        }
    }

    /// <summary>The user blocks the bot: my_chat_member (member → kicked); sends to them fail with 403.</summary>
    public void BlockBot(EmulatedUser user, EmulatedBot bot)
    {
        lock (_world.Gate)
        {
            var userState = Resolve(user);
            var botState = Resolve(bot);
            if (userState.BlockedBots.Add(botState.User.Id) && botState.PrivateChats.TryGetValue(userState.Id, out var chat))
            {
                botState.Enqueue("my_chat_member", _world.ChatMemberUpdated(chat, userState, botState.User, "member", "kicked"));
            }
        }
    }

    private void AddMembers(ChatState chat, EmulatedUser creator, EmulatedUser[] members)
    {
        chat.Members[creator.Id] = new MemberState(Resolve(creator).Id, "creator");
        foreach (var member in members)
        {
            chat.Members[member.Id] = new MemberState(Resolve(member).Id, "member");
        }
    }

    private void ChangeStatus(ChatState chat, UserState member, UserState actor, string newStatus)
    {
        var old = chat.Member(member.Id)?.Status ?? "left";
        chat.Members[member.Id] = new MemberState(member.Id, newStatus);
        var update = _world.ChatMemberUpdated(chat, actor, member, old, newStatus);
        if (_world.BotsById.TryGetValue(member.Id, out var bot))
        {
            bot.Enqueue("my_chat_member", update.DeepClone());
        }

        _world.DeliverChatMember(chat, member.Id, update);
    }

    private static EmulatedUser Handle(UserState user) => new(user.Id, user.FirstName, user.LastName, user.Username);

    private static EmulatedChat Handle(ChatState chat) => new(chat.Id, chat.Type, chat.Title, chat.IsForum, chat.PrivateBot?.User.Id);

    private static EmulatedMessage Handle(ChatState chat, StoredMessage message) =>
        new(Handle(chat), message.Id, (JsonObject)message.Json.DeepClone());

    private UserState Resolve(EmulatedUser user) =>
        _world.Users.GetValueOrDefault(user.Id) ?? throw new ArgumentException($"unknown user {user.Id}");

    private BotState Resolve(EmulatedBot bot) =>
        _world.BotsById.GetValueOrDefault(bot.Id) ?? throw new ArgumentException($"unknown bot {bot.Username}");

    private ChatState Resolve(EmulatedChat chat) =>
        (chat.BotId is { } botId
            ? _world.BotsById.GetValueOrDefault(botId)?.PrivateChats.GetValueOrDefault(chat.Id)
            : _world.Chats.GetValueOrDefault(chat.Id))
        ?? throw new ArgumentException($"unknown chat {chat.Id}");
}
