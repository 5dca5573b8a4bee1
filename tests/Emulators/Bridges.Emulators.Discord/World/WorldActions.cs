using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bridges.Emulators.Discord.Gateway;

namespace Bridges.Emulators.Discord.World;

/// <summary>
/// Changes to the world that Discord announces on the Gateway: every post, edit, deletion and reaction, whether a
/// test control or a REST call made it, goes through here so both paths dispatch the same events. Callers hold the gate.
/// </summary>
internal sealed partial class WorldActions(WorldState world, GatewayServer gateway)
{
    public EmulatedMessage Post(EmulatedChannel channel, string authorId, string content, string? replyTo = null, string? nonce = null,
        EmulatedWebhook? webhook = null, string? username = null, string? avatarUrl = null, IReadOnlyList<EmulatedAttachment>? attachments = null,
        IReadOnlyList<JsonObject>? embeds = null, IReadOnlyList<EmulatedSticker>? stickers = null)
    {
        var message = new EmulatedMessage(world.NextId(), channel.Id, authorId, content, world.Time.GetUtcNow())
        {
            ReferenceId = replyTo,
            Nonce = nonce,
            WebhookId = webhook?.Id,
            WebhookUsername = webhook is null ? null : username ?? webhook.Name,
            WebhookAvatarUrl = avatarUrl,
            Mentions = MentionsIn(content),
            Attachments = attachments ?? [],
            Embeds = embeds ?? [],
            Stickers = stickers ?? [],
        };
        world.Put(message);
        var data = DiscordJson.Message(message, world);
        data["guild_id"] = channel.GuildId;
        if (webhook is null && world.Users.TryGetValue(authorId, out var author))
        {
            data["member"] = MemberWithoutUser(author, channel.GuildId);
        }

        gateway.Dispatch(channel.GuildId, "MESSAGE_CREATE", data, GatewayIntents.GuildMessages);
        world.Changed();
        return message;
    }

    public EmulatedMessage Edit(EmulatedMessage message, string content)
    {
        var edited = message with { Content = content, EditedTimestamp = world.Time.GetUtcNow(), Mentions = MentionsIn(content) };
        world.Put(edited);
        var data = DiscordJson.Message(edited, world);
        data["guild_id"] = world.Channels[message.ChannelId].GuildId;
        gateway.Dispatch(world.Channels[message.ChannelId].GuildId, "MESSAGE_UPDATE", data, GatewayIntents.GuildMessages);
        world.Changed();
        return edited;
    }

    public void Delete(EmulatedMessage message)
    {
        world.Messages.Remove(long.Parse(message.Id, System.Globalization.CultureInfo.InvariantCulture));
        var guildId = world.Channels[message.ChannelId].GuildId;
        gateway.Dispatch(guildId, "MESSAGE_DELETE", new JsonObject { ["id"] = message.Id, ["channel_id"] = message.ChannelId, ["guild_id"] = guildId }, GatewayIntents.GuildMessages);
        world.Changed();
    }

    /// <summary>Adds or removes one user's reaction; false when nothing changed (already there, or not there).</summary>
    public bool React(EmulatedMessage message, string userId, string emojiName, string? emojiId, bool add)
    {
        var reaction = new EmulatedReaction(userId, emojiName, emojiId);
        var has = message.Reactions.Contains(reaction);
        if (has == add)
        {
            return false;
        }

        world.Put(message with { Reactions = add ? [.. message.Reactions, reaction] : [.. message.Reactions.Where(r => r != reaction)] });
        var guildId = world.Channels[message.ChannelId].GuildId;
        var data = new JsonObject
        {
            ["user_id"] = userId,
            ["channel_id"] = message.ChannelId,
            ["message_id"] = message.Id,
            ["guild_id"] = guildId,
            ["emoji"] = DiscordJson.Emoji(emojiName, emojiId),
            ["burst"] = false,
            ["type"] = 0,
        };
        if (add)
        {
            data["message_author_id"] = message.WebhookId ?? message.AuthorId;
            if (world.Users.TryGetValue(userId, out var user))
            {
                data["member"] = MemberWithoutUser(user, guildId);
                ((JsonObject)data["member"]!)["user"] = DiscordJson.User(user);
            }
        }

        gateway.Dispatch(guildId, add ? "MESSAGE_REACTION_ADD" : "MESSAGE_REACTION_REMOVE", data, GatewayIntents.GuildMessageReactions);
        world.Changed();
        return true;
    }

    public void Typing(EmulatedChannel channel, string userId)
    {
        var data = new JsonObject
        {
            ["channel_id"] = channel.Id,
            ["guild_id"] = channel.GuildId,
            ["user_id"] = userId,
            ["timestamp"] = world.Time.GetUtcNow().ToUnixTimeSeconds(),
        };
        if (world.Users.TryGetValue(userId, out var user))
        {
            data["member"] = MemberWithoutUser(user, channel.GuildId);
            ((JsonObject)data["member"]!)["user"] = DiscordJson.User(user);
        }

        gateway.Dispatch(channel.GuildId, "TYPING_START", data, GatewayIntents.GuildMessageTyping);
    }

    public void ChannelCreated(EmulatedChannel channel, string eventName = "CHANNEL_CREATE")
    {
        var data = DiscordJson.Channel(channel);
        if (channel.Type == EmulatedChannel.PublicThread)
        {
            data["newly_created"] = true;
        }

        gateway.Dispatch(channel.GuildId, eventName, data, GatewayIntents.Guilds);
        world.Changed();
    }

    /// <summary>The guild as GUILD_CREATE carries it: roles, channels (with their overwrites), threads and members (with their roles) included.</summary>
    public JsonObject GuildCreate(EmulatedGuild guild)
    {
        var channels = world.Channels.Values.Where(c => c.GuildId == guild.Id).ToList();
        var members = world.Members.TryGetValue(guild.Id, out var ids) ? ids : [];
        return new JsonObject
        {
            ["id"] = guild.Id,
            ["name"] = guild.Name,
            ["icon"] = null,
            ["owner_id"] = guild.OwnerId,
            ["premium_tier"] = guild.PremiumTier,
            ["unavailable"] = false,
            ["member_count"] = members.Count,
            ["large"] = false,
            ["joined_at"] = DiscordJson.Time(world.Time.GetUtcNow()),
            ["roles"] = new JsonArray([.. world.RolesOf(guild.Id).Select(r => (JsonNode)DiscordJson.Role(r))]),
            ["emojis"] = new JsonArray([.. world.EmojisOf(guild.Id).Select(e => (JsonNode)DiscordJson.Emoji(e))]),
            ["features"] = new JsonArray(),
            ["channels"] = new JsonArray([.. channels.Where(c => c.Type != EmulatedChannel.PublicThread).Select(c => (JsonNode)DiscordJson.Channel(c))]),
            ["threads"] = new JsonArray([.. channels.Where(c => c.Type == EmulatedChannel.PublicThread).Select(c => (JsonNode)DiscordJson.Channel(c))]),
            ["members"] = new JsonArray([.. members.Select(id => (JsonNode)DiscordJson.Member(world.Users[id], world.Time.GetUtcNow(), world.MemberOf(guild.Id, id)))]),
        };
    }

    private JsonObject MemberWithoutUser(EmulatedUser user, string guildId)
    {
        var member = DiscordJson.Member(user, world.Time.GetUtcNow(), world.MemberOf(guildId, user.Id));
        member.Remove("user");
        return member;
    }

    private static string[] MentionsIn(string content) =>
        [.. MentionPattern().Matches(content).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal)];

    [GeneratedRegex("<@!?([0-9]+)>")]
    private static partial Regex MentionPattern();
}
