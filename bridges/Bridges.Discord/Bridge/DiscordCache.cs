using System.Collections.Concurrent;
using Bridges.Discord.Api;

namespace Bridges.Discord.Bridge;

/// <summary>What the Gateway told about guilds, channels, threads and users (GUILD_CREATE, CHANNEL_*, THREAD_*, messages).</summary>
internal sealed class DiscordCache
{
    public ConcurrentDictionary<string, DiscordGuild> Guilds { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, DiscordChannel> Channels { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, DiscordUser> Users { get; } = new(StringComparer.Ordinal);

    /// <summary>Guild nicknames by (guild, user).</summary>
    public ConcurrentDictionary<(string Guild, string User), string> Nicks { get; } = new();

    /// <summary>Custom emoji seen, by the <c>:name:</c> key Matrix shows, to their <c>name:id</c> form for the REST routes.</summary>
    public ConcurrentDictionary<string, string> CustomEmoji { get; } = new(StringComparer.Ordinal);

    /// <summary>Custom emoji seen in messages, by their <c>:name:</c>, to how a message writes them (<c>&lt;:name:id&gt;</c>).</summary>
    public ConcurrentDictionary<string, string> EmojiMarkdown { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The role ids of the guild members the bot knows of, by guild and user: those GUILD_CREATE listed (all of a
    /// small guild, fewer of a large one), GUILD_MEMBER_ADD/UPDATE announced, and authors of messages, reactions and
    /// typing. Channel rooms list these members only: the bridge never asks Discord for the whole member list.
    /// </summary>
    public ConcurrentDictionary<string, ConcurrentDictionary<string, IReadOnlyList<string>>> MemberRoles { get; } = new(StringComparer.Ordinal);

    public IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> MembersOf(string guildId) =>
        MemberRoles.TryGetValue(guildId, out var members) ? members : [];

    public void Forget(string guildId, string userId)
    {
        if (MemberRoles.TryGetValue(guildId, out var members))
        {
            members.TryRemove(userId, out _);
        }

        Nicks.TryRemove((guildId, userId), out _);
    }

    public void Add(DiscordGuild guild)
    {
        // GUILD_UPDATE carries no channels or members, and keeps the roles it does not list.
        Guilds[guild.Id] = Guilds.TryGetValue(guild.Id, out var known) && guild.Roles is null ? guild with { Roles = known.Roles } : guild;
        foreach (var channel in (guild.Channels ?? []).Concat(guild.Threads ?? []))
        {
            Channels[channel.Id] = channel with { GuildId = guild.Id };
        }

        foreach (var member in guild.Members ?? [])
        {
            Remember(guild.Id, member);
        }
    }

    public void Remember(string? guildId, DiscordMember? member, DiscordUser? user = null)
    {
        user ??= member?.User;
        if (user is null)
        {
            return;
        }

        Users[user.Id] = user;
        if (guildId is not null && member?.Nick is { Length: > 0 } nick)
        {
            Nicks[(guildId, user.Id)] = nick;
        }

        if (guildId is not null && member?.Roles is { } roles)
        {
            MemberRoles.GetOrAdd(guildId, _ => new ConcurrentDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal))[user.Id] = roles;
        }
    }

    public string DisplayName(DiscordUser user, string? guildId) =>
        guildId is not null && Nicks.TryGetValue((guildId, user.Id), out var nick) ? nick
        : !string.IsNullOrEmpty(user.GlobalName) ? user.GlobalName : user.Username;

    /// <summary>The channel a message or thread belongs to as a portal: a thread's parent, else the channel itself.</summary>
    public string PortalChannel(string channelId) =>
        Channels.TryGetValue(channelId, out var channel) && channel.IsThread && channel.ParentId is { } parent ? parent : channelId;
}
