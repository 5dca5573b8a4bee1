using System.Text.Json.Nodes;
using Bridges.Emulators.Discord.Gateway;

namespace Bridges.Emulators.Discord.World;

/// <summary>
/// Guild changes as the Gateway events docs describe them: members (GUILD_MEMBERS intent, privileged), bans
/// (GUILD_MODERATION), roles, channels and the guild itself (GUILDS). Callers hold the gate.
/// </summary>
internal sealed partial class WorldActions
{
    public void MemberAdded(string guildId, string userId, IReadOnlyList<string>? roles = null)
    {
        world.Members[guildId].Add(userId);
        var member = new EmulatedMember(guildId, userId, roles ?? [], null, world.Time.GetUtcNow());
        world.MemberDetails[(guildId, userId)] = member;
        // A guild member object with an extra guild_id.
        var data = DiscordJson.Member(world.Users[userId], member.JoinedAt, member);
        data["guild_id"] = guildId;
        gateway.Dispatch(guildId, "GUILD_MEMBER_ADD", data, GatewayIntents.GuildMembers);
        world.Changed();
    }

    public void MemberRemoved(string guildId, string userId)
    {
        world.Members[guildId].Remove(userId);
        world.MemberDetails.Remove((guildId, userId));
        gateway.Dispatch(guildId, "GUILD_MEMBER_REMOVE", new JsonObject { ["guild_id"] = guildId, ["user"] = DiscordJson.User(world.Users[userId]) }, GatewayIntents.GuildMembers);
        world.Changed();
    }

    /// <summary>GUILD_MEMBER_UPDATE with the member's roles, nickname and user; also what a changed user object sends.</summary>
    public void MemberUpdated(EmulatedMember member)
    {
        world.MemberDetails[(member.GuildId, member.UserId)] = member;
        var data = DiscordJson.Member(world.Users[member.UserId], member.JoinedAt, member);
        data.Remove("deaf");
        data.Remove("mute");
        data["guild_id"] = member.GuildId;
        gateway.Dispatch(member.GuildId, "GUILD_MEMBER_UPDATE", data, GatewayIntents.GuildMembers);
        world.Changed();
    }

    /// <summary>GUILD_BAN_ADD, then the GUILD_MEMBER_REMOVE Discord sends for a banned member.</summary>
    public void Banned(string guildId, string userId)
    {
        world.Bans.Add((guildId, userId));
        gateway.Dispatch(guildId, "GUILD_BAN_ADD", new JsonObject { ["guild_id"] = guildId, ["user"] = DiscordJson.User(world.Users[userId]) }, GatewayIntents.GuildModeration);
        if (world.Members[guildId].Contains(userId))
        {
            MemberRemoved(guildId, userId);
        }

        world.Changed();
    }

    /// <summary>GUILD_ROLE_CREATE or GUILD_ROLE_UPDATE: {guild_id, role}.</summary>
    public void RoleChanged(EmulatedRole role, bool created)
    {
        world.Roles[role.Id] = role;
        gateway.Dispatch(role.GuildId, created ? "GUILD_ROLE_CREATE" : "GUILD_ROLE_UPDATE",
            new JsonObject { ["guild_id"] = role.GuildId, ["role"] = DiscordJson.Role(role) }, GatewayIntents.Guilds);
        world.Changed();
    }

    /// <summary>GUILD_ROLE_DELETE: {guild_id, role_id}; members lose the role without an update of their own.</summary>
    public void RoleDeleted(EmulatedRole role)
    {
        world.Roles.Remove(role.Id);
        foreach (var (key, member) in world.MemberDetails.Where(m => m.Key.Guild == role.GuildId && m.Value.Roles.Contains(role.Id)).ToList())
        {
            world.MemberDetails[key] = member with { Roles = [.. member.Roles.Where(r => r != role.Id)] };
        }

        gateway.Dispatch(role.GuildId, "GUILD_ROLE_DELETE", new JsonObject { ["guild_id"] = role.GuildId, ["role_id"] = role.Id }, GatewayIntents.Guilds);
        world.Changed();
    }

    /// <summary>CHANNEL_UPDATE with the whole channel.</summary>
    public void ChannelUpdated(EmulatedChannel channel)
    {
        world.Channels[channel.Id] = channel;
        gateway.Dispatch(channel.GuildId, "CHANNEL_UPDATE", DiscordJson.Channel(channel), GatewayIntents.Guilds);
        world.Changed();
    }

    /// <summary>CHANNEL_DELETE with the channel as it was; its messages and webhooks go with it.</summary>
    public void ChannelDeleted(EmulatedChannel channel)
    {
        world.Channels.Remove(channel.Id);
        foreach (var id in world.Messages.Where(m => m.Value.ChannelId == channel.Id).Select(m => m.Key).ToList())
        {
            world.Messages.Remove(id);
        }

        foreach (var webhook in world.Webhooks.Values.Where(w => w.ChannelId == channel.Id).ToList())
        {
            world.Webhooks.Remove(webhook.Id);
        }

        gateway.Dispatch(channel.GuildId, "CHANNEL_DELETE", DiscordJson.Channel(channel), GatewayIntents.Guilds);
        world.Changed();
    }

    /// <summary>GUILD_UPDATE with the guild object.</summary>
    public void GuildUpdated(EmulatedGuild guild)
    {
        world.Guilds[guild.Id] = guild;
        gateway.Dispatch(guild.Id, "GUILD_UPDATE", DiscordJson.Guild(guild, world.RolesOf(guild.Id), world.EmojisOf(guild.Id)), GatewayIntents.Guilds);
        world.Changed();
    }

    /// <summary>GUILD_EMOJIS_UPDATE with the guild's whole emoji list, as Discord sends it after any change.</summary>
    public void EmojisChanged(string guildId)
    {
        world.Changed();
        gateway.Dispatch(guildId, "GUILD_EMOJIS_UPDATE", new JsonObject
        {
            ["guild_id"] = guildId,
            ["emojis"] = new JsonArray([.. world.EmojisOf(guildId).Select(e => (JsonNode)DiscordJson.Emoji(e))]),
        }, GatewayIntents.GuildEmojisAndStickers);
    }
}
