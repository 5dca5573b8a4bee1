using System.Security.Cryptography;
using Bridges.Emulators.Discord.Gateway;
using Bridges.Emulators.Discord.Validation;
using Bridges.Emulators.Discord.World;

namespace Bridges.Emulators.Discord;

public sealed partial class DiscordEmulator
{
    private readonly Dictionary<string, byte[]> _avatars = new(StringComparer.Ordinal);

    private WorldActions Actions => new(_world, _gateway);

    /// <summary>A bot account with a token; <paramref name="privilegedIntents"/> says whether message content and members are allowed.</summary>
    public EmulatedUser CreateBot(string username, bool privilegedIntents = true)
    {
        lock (_world.Gate)
        {
            var id = _world.NextId();
            var bot = new EmulatedUser(id, username, null, null, $"{Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(id))}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20))}");
            _world.Users[id] = bot;
            if (privilegedIntents)
            {
                _gateway.PrivilegedAllowed.Add(id);
            }

            return bot;
        }
    }

    /// <summary>A person; <paramref name="avatarPng"/> is served as their avatar.</summary>
    public EmulatedUser AddUser(string username, string? globalName = null, byte[]? avatarPng = null)
    {
        lock (_world.Gate)
        {
            var id = _world.NextId();
            var user = new EmulatedUser(id, username, globalName, avatarPng is null ? null : Convert.ToHexStringLower(SHA256.HashData(avatarPng))[..32], null);
            _world.Users[id] = user;
            if (avatarPng is not null)
            {
                _avatars[id] = avatarPng;
            }

            return user;
        }
    }

    public EmulatedGuild CreateGuild(string name, EmulatedUser owner, int premiumTier = 0)
    {
        lock (_world.Gate)
        {
            var guild = new EmulatedGuild(_world.NextId(), name, owner.Id, premiumTier);
            _world.Guilds[guild.Id] = guild;
            _world.Members[guild.Id] = [owner.Id];
            _world.Roles[guild.Id] = new EmulatedRole(guild.Id, guild.Id, "@everyone", EmulatedRole.DefaultEveryone, 0);
            return guild;
        }
    }

    /// <summary>Adds a member with <paramref name="roles"/> (GUILD_MEMBER_ADD to the bots there with the GUILD_MEMBERS intent).</summary>
    public void AddMember(EmulatedGuild guild, EmulatedUser user, params EmulatedRole[] roles)
    {
        lock (_world.Gate)
        {
            Actions.MemberAdded(guild.Id, user.Id, [.. roles.Select(r => r.Id)]);
        }
    }

    public EmulatedChannel CreateCategory(EmulatedGuild guild, string name, int position) => AddChannel(guild, EmulatedChannel.Category, name, position, null);

    public EmulatedChannel CreateTextChannel(EmulatedGuild guild, string name, int position, EmulatedChannel? category = null, string? topic = null) =>
        AddChannel(guild, EmulatedChannel.Text, name, position, category, topic);

    public EmulatedChannel CreateForum(EmulatedGuild guild, string name, int position, EmulatedChannel? category = null) =>
        AddChannel(guild, EmulatedChannel.Forum, name, position, category);

    private EmulatedChannel AddChannel(EmulatedGuild guild, int type, string name, int position, EmulatedChannel? parent, string? topic = null)
    {
        lock (_world.Gate)
        {
            var channel = new EmulatedChannel(_world.NextId(), guild.Id, type, name, position, parent?.Id, topic);
            _world.Channels[channel.Id] = channel;
            Actions.ChannelCreated(channel);
            return channel;
        }
    }

    /// <summary><paramref name="user"/> posts in a channel (or thread), optionally as a reply, with files.</summary>
    public EmulatedMessage Post(EmulatedChannel channel, EmulatedUser user, string content, EmulatedMessage? replyTo = null, IReadOnlyList<(string Name, string Type, byte[] Data)>? files = null)
    {
        lock (_world.Gate)
        {
            var attachments = files?.Select(f => new EmulatedAttachment(_world.NextId(), f.Name, f.Type, f.Data)).ToList();
            return Actions.Post(_world.Channels[channel.Id], user.Id, content, replyTo?.Id, attachments: attachments);
        }
    }

    /// <summary>Another integration's webhook posts (not the bridge's own).</summary>
    public EmulatedMessage PostAsWebhook(EmulatedChannel channel, string username, string content)
    {
        lock (_world.Gate)
        {
            var owner = _world.Guilds[channel.GuildId].OwnerId;
            var webhook = new EmulatedWebhook(_world.NextId(), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), channel.Id, channel.GuildId, "Other integration", owner);
            _world.Webhooks[webhook.Id] = webhook;
            return Actions.Post(channel, webhook.Id, content, webhook: webhook, username: username);
        }
    }

    public EmulatedMessage Edit(EmulatedMessage message, string content)
    {
        lock (_world.Gate)
        {
            return Actions.Edit(_world.Message(message.Id) ?? throw new InvalidOperationException("no such message"), content);
        }
    }

    public void Delete(EmulatedMessage message)
    {
        lock (_world.Gate)
        {
            Actions.Delete(_world.Message(message.Id) ?? throw new InvalidOperationException("no such message"));
        }
    }

    /// <summary>Adds (or with <paramref name="remove"/> takes back) a reaction: unicode, or a custom emoji with its id.</summary>
    public void React(EmulatedMessage message, EmulatedUser user, string emojiName, string? emojiId = null, bool remove = false)
    {
        lock (_world.Gate)
        {
            Actions.React(_world.Message(message.Id) ?? throw new InvalidOperationException("no such message"), user.Id, emojiName, emojiId, !remove);
        }
    }

    public void StartTyping(EmulatedChannel channel, EmulatedUser user)
    {
        lock (_world.Gate)
        {
            Actions.Typing(channel, user.Id);
        }
    }

    /// <summary>Starts a public thread off a message (THREAD_CREATE), as a user's "Create Thread" does.</summary>
    public EmulatedChannel CreateThread(EmulatedMessage starter, EmulatedUser user, string name)
    {
        lock (_world.Gate)
        {
            var parent = _world.Channels[starter.ChannelId];
            // A thread started from a message has that message's id as its own.
            var thread = new EmulatedChannel(starter.Id, parent.GuildId, EmulatedChannel.PublicThread, name, 0, parent.Id) { OwnerId = user.Id };
            _world.Channels[thread.Id] = thread;
            Actions.ChannelCreated(thread, "THREAD_CREATE");
            return thread;
        }
    }

    /// <summary>A forum post: a thread in the forum and its first message.</summary>
    public (EmulatedChannel Thread, EmulatedMessage First) CreateForumPost(EmulatedChannel forum, EmulatedUser user, string title, string content)
    {
        lock (_world.Gate)
        {
            var thread = new EmulatedChannel(_world.NextId(), forum.GuildId, EmulatedChannel.PublicThread, title, 0, forum.Id) { OwnerId = user.Id };
            _world.Channels[thread.Id] = thread;
            Actions.ChannelCreated(thread, "THREAD_CREATE");
            // The starter message of a forum post has the thread's id.
            var first = new EmulatedMessage(thread.Id, thread.Id, user.Id, content, _world.Time.GetUtcNow());
            _world.Put(first);
            var data = DiscordJson.Message(first, _world);
            data["guild_id"] = forum.GuildId;
            _gateway.Dispatch(forum.GuildId, "MESSAGE_CREATE", data, GatewayIntents.GuildMessages);
            _world.Changed();
            return (thread, first);
        }
    }

    /// <summary>The messages of a channel, oldest first.</summary>
    public IReadOnlyList<EmulatedMessage> MessagesIn(EmulatedChannel channel)
    {
        lock (_world.Gate)
        {
            return [.. _world.Messages.Values.Where(m => m.ChannelId == channel.Id)];
        }
    }

    public EmulatedMessage? Message(string id)
    {
        lock (_world.Gate)
        {
            return _world.Message(id);
        }
    }

    public IReadOnlyList<EmulatedWebhook> WebhooksOf(EmulatedChannel channel)
    {
        lock (_world.Gate)
        {
            return [.. _world.Webhooks.Values.Where(w => w.ChannelId == channel.Id)];
        }
    }

    public IReadOnlyList<SpecViolation> Violations
    {
        get
        {
            lock (_world.Gate)
            {
                return [.. _world.Violations];
            }
        }
    }

    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_world.Gate)
            {
                return [.. _world.Requests];
            }
        }
    }

    /// <summary>Throws with the list when any request, answer or Gateway payload broke the spec.</summary>
    public void AssertNoViolations()
    {
        var violations = Violations;
        if (violations.Count > 0)
        {
            throw new InvalidOperationException("Discord spec violations:\n" + string.Join('\n', violations));
        }
    }

    /// <summary><paramref name="user"/> posts a message with embeds (the spec's <c>MessageEmbedResponse</c> shape) and stickers.</summary>
    public EmulatedMessage PostRich(EmulatedChannel channel, EmulatedUser user, string content, IReadOnlyList<System.Text.Json.Nodes.JsonObject>? embeds = null,
        IReadOnlyList<EmulatedSticker>? stickers = null)
    {
        lock (_world.Gate)
        {
            return Actions.Post(_world.Channels[channel.Id], user.Id, content, embeds: embeds, stickers: stickers);
        }
    }

    /// <summary>
    /// Discord unfurls a link: MESSAGE_UPDATE with the message's embeds added and <c>edited_timestamp</c> unchanged
    /// (null), which is not an edit.
    /// </summary>
    public EmulatedMessage Unfurl(EmulatedMessage message, System.Text.Json.Nodes.JsonObject embed)
    {
        lock (_world.Gate)
        {
            var current = _world.Message(message.Id) ?? throw new InvalidOperationException("no such message");
            var unfurled = current with { Embeds = [.. current.Embeds, embed] };
            _world.Put(unfurled);
            var guildId = _world.Channels[current.ChannelId].GuildId;
            var data = DiscordJson.Message(unfurled, _world);
            data["guild_id"] = guildId;
            _gateway.Dispatch(guildId, "MESSAGE_UPDATE", data, GatewayIntents.GuildMessages);
            _world.Changed();
            return unfurled;
        }
    }
}
