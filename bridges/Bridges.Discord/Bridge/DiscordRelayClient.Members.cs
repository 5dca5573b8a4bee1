using System.Collections.Concurrent;
using Bridges.Core.Network;
using Bridges.Discord.Api;

namespace Bridges.Discord.Bridge;

/// <summary>
/// Guild members as room members: a channel's room holds the ghosts of the known members who can see the channel
/// (<see cref="DiscordPermissions"/>), ranked by their permissions there. A change of members, roles or overwrites
/// is applied as the difference it makes in the bridged rooms: joins, leaves and new power levels.
/// </summary>
internal sealed partial class DiscordRelayClient
{
    /// <summary>Plugin store keys of portals whose rooms the core made, so guild changes never create rooms of their own.</summary>
    private const string BridgedKey = "bridged:";

    private readonly ConcurrentDictionary<string, bool> _bridged = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether the portal of a guild, category or channel has a room: the core asks for a chat's info as it creates
    /// the room, and that is marked (durably, for after a restart). Membership and chat info events would otherwise
    /// create a room for every channel a member could see.
    /// </summary>
    private async Task<bool> IsBridgedAsync(string id, CancellationToken ct)
    {
        if (_bridged.TryGetValue(id, out var known))
        {
            return known;
        }

        var stored = await Host.Store.GetAsync(BridgedKey + id, ct).ConfigureAwait(false) is not null;
        _bridged[id] = stored;
        return stored;
    }

    private async Task SetBridgedAsync(string id, bool bridged, CancellationToken ct)
    {
        if (_bridged.TryGetValue(id, out var known) && known == bridged)
        {
            return;
        }

        await Host.Store.SetAsync(BridgedKey + id, bridged ? "1" : null, ct).ConfigureAwait(false);
        _bridged[id] = bridged;
    }

    /// <summary>The known members who see a channel with their power there, highest first, up to the configured limit.</summary>
    private List<ChatMember> MembersOf(DiscordChannel channel)
    {
        if (channel.GuildId is not { } guildId || !_cache.Guilds.TryGetValue(guildId, out var guild) || channel.Type == DiscordChannel.Category || channel.IsThread)
        {
            return [];
        }

        var members = new List<ChatMember>();
        foreach (var (user, roles) in _cache.MembersOf(guildId))
        {
            if (user != _botId && DiscordPermissions.PowerIn(guild, channel, user, roles) is { } power)
            {
                members.Add(new ChatMember(DiscordIds.User(user), power));
            }
        }

        // Snowflakes sort as numbers: shorter first, then by text; the oldest accounts first among equals.
        return [.. members.OrderByDescending(m => m.PowerLevel).ThenBy(m => m.User.Value.Length).ThenBy(m => m.User.Value, StringComparer.Ordinal)
            .Take(_connector.Options.MaxPortalMembers)];
    }

    /// <summary>The guild's channels that have portal rooms (spaces and threads hold no members of their own).</summary>
    private async Task<List<string>> BridgedChannelsAsync(string guildId, CancellationToken ct)
    {
        var bridged = new List<string>();
        foreach (var channel in _cache.Channels.Values.Where(c => c.GuildId == guildId && !c.IsThread && c.Type != DiscordChannel.Category))
        {
            if (await IsBridgedAsync(channel.Id, ct).ConfigureAwait(false))
            {
                bridged.Add(channel.Id);
            }
        }

        return bridged;
    }

    private Dictionary<(string Channel, string User), int> Snapshot(IEnumerable<string> channels)
    {
        var seen = new Dictionary<(string Channel, string User), int>();
        foreach (var id in channels)
        {
            if (_cache.Channels.TryGetValue(id, out var channel))
            {
                foreach (var member in MembersOf(channel))
                {
                    seen[(id, member.User.Value)] = member.PowerLevel;
                }
            }
        }

        return seen;
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the cache and pushes what it changed in the guild's bridged rooms: ghosts
    /// who now see a channel join (with their rank), those who no longer do leave, and changed ranks are set.
    /// </summary>
    private async Task ApplyGuildChangeAsync(string guildId, Action change, CancellationToken ct)
    {
        var channels = await BridgedChannelsAsync(guildId, ct).ConfigureAwait(false);
        var before = Snapshot(channels);
        change();
        var after = Snapshot(channels);
        var now = Host.Time.GetUtcNow();
        foreach (var (channel, user) in before.Keys.Where(k => !after.ContainsKey(k)))
        {
            var sender = new EventSender(DiscordIds.User(user));
            await PushAsync(new RemoteMembership(DiscordIds.Portal(channel), sender, now, sender.User, MembershipChange.Leave), ct).ConfigureAwait(false);
        }

        foreach (var ((channel, user), power) in after)
        {
            var had = before.TryGetValue((channel, user), out var old);
            if (!had)
            {
                var sender = new EventSender(DiscordIds.User(user));
                await PushAsync(new RemoteMembership(DiscordIds.Portal(channel), sender, now, sender.User, MembershipChange.Join), ct).ConfigureAwait(false);
            }

            if (had ? old != power : power != 0)
            {
                await PushAsync(new RemotePowerLevelChanged(DiscordIds.Portal(channel), BotSender, now, DiscordIds.User(user), power), ct).ConfigureAwait(false);
            }
        }
    }

    private async Task GuildCreatedAsync(DiscordGuild guild, CancellationToken ct)
    {
        if (!_cache.Guilds.ContainsKey(guild.Id))
        {
            // The first sight since the start: nothing to compare with, rooms get their members as they are made.
            _cache.Add(guild);
            return;
        }

        // Back after a new session: who joined, left or changed rank meanwhile.
        await ApplyGuildChangeAsync(guild.Id, () =>
        {
            if (_cache.MemberRoles.TryGetValue(guild.Id, out var members) && guild.Members is { } listed)
            {
                var present = listed.Where(m => m.User is not null).Select(m => m.User!.Id).ToHashSet(StringComparer.Ordinal);
                foreach (var gone in members.Keys.Where(u => !present.Contains(u)).ToList())
                {
                    _cache.Forget(guild.Id, gone);
                }
            }

            _cache.Add(guild);
        }, ct).ConfigureAwait(false);
    }

    private async Task MemberChangedAsync(DiscordMemberEvent member, CancellationToken ct)
    {
        var renamed = _cache.Users.TryGetValue(member.User.Id, out var known)
            && (known.Username != member.User.Username || known.GlobalName != member.User.GlobalName || known.Avatar != member.User.Avatar);
        await ApplyGuildChangeAsync(member.GuildId, () =>
        {
            _cache.Remember(member.GuildId, new DiscordMember(member.User, member.Nick) { Roles = member.Roles ?? [] });
            if (string.IsNullOrEmpty(member.Nick))
            {
                _cache.Nicks.TryRemove((member.GuildId, member.User.Id), out _);
            }
        }, ct).ConfigureAwait(false);

        if (renamed && await ProfilePortalAsync(member.GuildId, member.User.Id, ct).ConfigureAwait(false) is { } portal)
        {
            // Ghosts are network-wide: the global name (or username) and avatar, not this guild's nickname.
            var info = await GetUserInfoAsync(DiscordIds.User(member.User.Id), ct).ConfigureAwait(false);
            await PushAsync(new RemoteUserInfoChanged(DiscordIds.Portal(portal), new EventSender(DiscordIds.User(member.User.Id)), Host.Time.GetUtcNow(), info), ct).ConfigureAwait(false);
        }
    }

    /// <summary>A bridged portal to order a profile change in (the core needs an existing one): a room of theirs, else the guild's space.</summary>
    private async Task<string?> ProfilePortalAsync(string guildId, string userId, CancellationToken ct)
    {
        var channels = await BridgedChannelsAsync(guildId, ct).ConfigureAwait(false);
        var theirs = channels.FirstOrDefault(id => Snapshot([id]).ContainsKey((id, userId)));
        return theirs ?? channels.FirstOrDefault() ?? (await IsBridgedAsync(guildId, ct).ConfigureAwait(false) ? guildId : null);
    }

    private Task MemberRemovedAsync(DiscordGuildUserEvent removed, CancellationToken ct) =>
        ApplyGuildChangeAsync(removed.GuildId, () => _cache.Forget(removed.GuildId, removed.User.Id), ct);

    /// <summary>A ban bans the ghost from the rooms it was in (the member removal that follows then finds nothing to do).</summary>
    private async Task BannedAsync(DiscordGuildUserEvent banned, CancellationToken ct)
    {
        var channels = await BridgedChannelsAsync(banned.GuildId, ct).ConfigureAwait(false);
        var seen = Snapshot(channels);
        _cache.Forget(banned.GuildId, banned.User.Id);
        // The Gateway does not say who banned: the ghost as sender lets the bridge bot carry the ban out.
        var sender = new EventSender(DiscordIds.User(banned.User.Id));
        foreach (var channel in channels.Where(c => seen.ContainsKey((c, banned.User.Id))))
        {
            await PushAsync(new RemoteMembership(DiscordIds.Portal(channel), sender, Host.Time.GetUtcNow(), sender.User, MembershipChange.Ban, "Banned from the Discord server"), ct).ConfigureAwait(false);
        }
    }

    private Task RoleChangedAsync(string guildId, DiscordRole? role, string? deletedId, CancellationToken ct) =>
        ApplyGuildChangeAsync(guildId, () =>
        {
            if (_cache.Guilds.TryGetValue(guildId, out var guild))
            {
                var roles = (guild.Roles ?? []).Where(r => r.Id != (role?.Id ?? deletedId)).ToList();
                if (role is not null)
                {
                    roles.Add(role);
                }

                _cache.Guilds[guildId] = guild with { Roles = roles };
            }
        }, ct);
}
