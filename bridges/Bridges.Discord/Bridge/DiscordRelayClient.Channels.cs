using Bridges.Core.Network;
using Bridges.Discord.Api;

namespace Bridges.Discord.Bridge;

/// <summary>Live changes of channels and guilds: renamed, re-topiced, moved or deleted on Discord, their rooms and spaces follow.</summary>
internal sealed partial class DiscordRelayClient
{
    /// <summary>A guild's space: its name and icon.</summary>
    private ChatInfo GuildInfo(DiscordGuild guild) => new()
    {
        Name = guild.Name,
        IsSpace = true,
        AvatarId = guild.Icon,
        Avatar = guild.Icon is { } icon ? Cdn($"icons/{guild.Id}/{icon}.png", "image/png", "icon.png") : null,
    };

    /// <summary>A channel's room or a category's space, without members.</summary>
    private static ChatInfo ChannelInfo(DiscordChannel channel) => new()
    {
        Name = channel.Name,
        Topic = channel.Topic,
        IsSpace = channel.Type == DiscordChannel.Category,
        // A channel sits under its category, a category under its guild.
        Parent = channel.ParentId is { } parent ? DiscordIds.Portal(parent) : channel.GuildId is { } g ? DiscordIds.Portal(g) : null,
        Order = channel.Position is { } position ? DiscordIds.Order(position) : null,
    };

    private async Task ChannelUpdatedAsync(DiscordChannel channel, CancellationToken ct)
    {
        var previous = _cache.Channels.TryGetValue(channel.Id, out var known) ? known : null;
        if (channel.GuildId is { } guildId && !channel.IsThread)
        {
            // New overwrites change who sees the channel and with what rank.
            await ApplyGuildChangeAsync(guildId, () => _cache.Channels[channel.Id] = channel, ct).ConfigureAwait(false);
        }
        else
        {
            _cache.Channels[channel.Id] = channel;
        }

        if (channel.IsThread || !await IsBridgedAsync(channel.Id, ct).ConfigureAwait(false))
        {
            return;
        }

        var info = ChannelInfo(channel);
        if (info.Topic is null && previous?.Topic is not null)
        {
            // No topic on the wire means none: clear the room's (null would mean "unchanged").
            info = info with { Topic = string.Empty };
        }

        await PushAsync(new RemoteChatInfoChanged(DiscordIds.Portal(channel.Id), BotSender, Host.Time.GetUtcNow(), info), ct).ConfigureAwait(false);
    }

    private async Task ChannelDeletedAsync(DiscordChannel channel, CancellationToken ct)
    {
        _cache.Channels.TryRemove(channel.Id, out _);
        if (!await IsBridgedAsync(channel.Id, ct).ConfigureAwait(false))
        {
            return;
        }

        // The core says so in the room and closes the portal.
        await PushAsync(new RemoteChatDeleted(DiscordIds.Portal(channel.Id), BotSender, Host.Time.GetUtcNow()), ct).ConfigureAwait(false);
        await SetBridgedAsync(channel.Id, false, ct).ConfigureAwait(false);
    }

    private async Task GuildUpdatedAsync(DiscordGuild guild, CancellationToken ct)
    {
        // The owner or @everyone's permissions may have changed with it.
        await ApplyGuildChangeAsync(guild.Id, () => _cache.Add(guild), ct).ConfigureAwait(false);
        if (await IsBridgedAsync(guild.Id, ct).ConfigureAwait(false))
        {
            await PushAsync(new RemoteChatInfoChanged(DiscordIds.Portal(guild.Id), BotSender, Host.Time.GetUtcNow(), GuildInfo(_cache.Guilds[guild.Id])), ct).ConfigureAwait(false);
        }
    }
}
