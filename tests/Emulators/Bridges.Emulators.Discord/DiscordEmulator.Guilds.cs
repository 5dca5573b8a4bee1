using Bridges.Emulators.Discord.World;

namespace Bridges.Emulators.Discord;

/// <summary>Test controls for guild members, roles, bans, channel changes and the guild itself; each dispatches what Discord would.</summary>
public sealed partial class DiscordEmulator
{
    public void RemoveMember(EmulatedGuild guild, EmulatedUser user)
    {
        lock (_world.Gate)
        {
            Actions.MemberRemoved(guild.Id, user.Id);
        }
    }

    /// <summary>Bans a user: GUILD_BAN_ADD, and GUILD_MEMBER_REMOVE when they were a member.</summary>
    public void Ban(EmulatedGuild guild, EmulatedUser user)
    {
        lock (_world.Gate)
        {
            Actions.Banned(guild.Id, user.Id);
        }
    }

    /// <summary>Gives a member exactly <paramref name="roles"/> (GUILD_MEMBER_UPDATE).</summary>
    public void SetRoles(EmulatedGuild guild, EmulatedUser user, params EmulatedRole[] roles)
    {
        lock (_world.Gate)
        {
            Actions.MemberUpdated(_world.MemberOf(guild.Id, user.Id) with { Roles = [.. roles.Select(r => r.Id)] });
        }
    }

    /// <summary>A user changes their display name: GUILD_MEMBER_UPDATE in every guild they are in (the user object changed).</summary>
    public EmulatedUser RenameUser(EmulatedUser user, string globalName)
    {
        lock (_world.Gate)
        {
            var renamed = _world.Users[user.Id] with { GlobalName = globalName };
            _world.Users[user.Id] = renamed;
            foreach (var guildId in _world.Members.Where(m => m.Value.Contains(user.Id)).Select(m => m.Key).ToList())
            {
                Actions.MemberUpdated(_world.MemberOf(guildId, user.Id));
            }

            return renamed;
        }
    }

    /// <summary>Adds a custom emoji to the guild; write it in a message's content as its <see cref="EmulatedEmoji.Markdown"/>.</summary>
    public EmulatedEmoji AddEmoji(EmulatedGuild guild, string name, byte[] image, bool animated = false)
    {
        lock (_world.Gate)
        {
            var emoji = new EmulatedEmoji(_world.NextId(), guild.Id, name, animated, image);
            _world.Emojis[emoji.Id] = emoji;
            Actions.EmojisChanged(guild.Id);
            return emoji;
        }
    }

    public EmulatedRole CreateRole(EmulatedGuild guild, string name, long permissions)
    {
        lock (_world.Gate)
        {
            var role = new EmulatedRole(_world.NextId(), guild.Id, name, permissions, _world.RolesOf(guild.Id).Count());
            Actions.RoleChanged(role, created: true);
            return role;
        }
    }

    /// <summary>The guild's @everyone role (its id is the guild's).</summary>
    public EmulatedRole EveryoneRole(EmulatedGuild guild)
    {
        lock (_world.Gate)
        {
            return _world.Roles[guild.Id];
        }
    }

    public EmulatedRole UpdateRole(EmulatedRole role, long permissions)
    {
        lock (_world.Gate)
        {
            var updated = _world.Roles[role.Id] with { Permissions = permissions };
            Actions.RoleChanged(updated, created: false);
            return updated;
        }
    }

    public void DeleteRole(EmulatedRole role)
    {
        lock (_world.Gate)
        {
            Actions.RoleDeleted(_world.Roles[role.Id]);
        }
    }

    /// <summary>Changes a channel (CHANNEL_UPDATE); null leaves a field as it is, an empty topic clears it.</summary>
    public EmulatedChannel UpdateChannel(EmulatedChannel channel, string? name = null, string? topic = null, int? position = null, EmulatedChannel? parent = null,
        IReadOnlyList<EmulatedOverwrite>? overwrites = null)
    {
        lock (_world.Gate)
        {
            var current = _world.Channels[channel.Id];
            var updated = current with
            {
                Name = name ?? current.Name,
                Topic = topic is null ? current.Topic : topic.Length == 0 ? null : topic,
                Position = position ?? current.Position,
                ParentId = parent?.Id ?? current.ParentId,
                Overwrites = overwrites ?? current.Overwrites,
            };
            Actions.ChannelUpdated(updated);
            return updated;
        }
    }

    public void DeleteChannel(EmulatedChannel channel)
    {
        lock (_world.Gate)
        {
            Actions.ChannelDeleted(_world.Channels[channel.Id]);
        }
    }

    public EmulatedGuild RenameGuild(EmulatedGuild guild, string name)
    {
        lock (_world.Gate)
        {
            var renamed = _world.Guilds[guild.Id] with { Name = name };
            Actions.GuildUpdated(renamed);
            return renamed;
        }
    }
}
