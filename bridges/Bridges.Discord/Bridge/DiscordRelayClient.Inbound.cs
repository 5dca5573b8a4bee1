using System.Text.Json;
using Bridges.Core.Content;
using Bridges.Core.Network;
using Bridges.Discord.Api;

namespace Bridges.Discord.Bridge;

internal sealed partial class DiscordRelayClient
{
    /// <summary>Message types that carry a user's text (DEFAULT, REPLY, THREAD_STARTER_MESSAGE); the rest are system notices.</summary>
    private static readonly HashSet<int> UserMessageTypes = [0, 19, 21];

    public async Task OnDispatchAsync(string type, JsonElement data, CancellationToken ct)
    {
        switch (type)
        {
            case "GUILD_CREATE":
                await GuildCreatedAsync(DiscordJson.Read<DiscordGuild>(data), ct).ConfigureAwait(false);
                break;
            case "GUILD_UPDATE":
                await GuildUpdatedAsync(DiscordJson.Read<DiscordGuild>(data), ct).ConfigureAwait(false);
                break;
            case "CHANNEL_CREATE" or "THREAD_UPDATE":
                var channel = DiscordJson.Read<DiscordChannel>(data);
                _cache.Channels[channel.Id] = channel;
                break;
            case "CHANNEL_UPDATE":
                await ChannelUpdatedAsync(DiscordJson.Read<DiscordChannel>(data), ct).ConfigureAwait(false);
                break;
            case "CHANNEL_DELETE":
                await ChannelDeletedAsync(DiscordJson.Read<DiscordChannel>(data), ct).ConfigureAwait(false);
                break;
            case "GUILD_MEMBER_ADD" or "GUILD_MEMBER_UPDATE":
                await MemberChangedAsync(DiscordJson.Read<DiscordMemberEvent>(data), ct).ConfigureAwait(false);
                break;
            case "GUILD_MEMBER_REMOVE":
                await MemberRemovedAsync(DiscordJson.Read<DiscordGuildUserEvent>(data), ct).ConfigureAwait(false);
                break;
            case "GUILD_BAN_ADD":
                await BannedAsync(DiscordJson.Read<DiscordGuildUserEvent>(data), ct).ConfigureAwait(false);
                break;
            case "GUILD_ROLE_CREATE" or "GUILD_ROLE_UPDATE":
                var role = DiscordJson.Read<DiscordRoleEvent>(data);
                await RoleChangedAsync(role.GuildId, role.Role, null, ct).ConfigureAwait(false);
                break;
            case "GUILD_ROLE_DELETE":
                var roleDeleted = DiscordJson.Read<DiscordRoleDeleteEvent>(data);
                await RoleChangedAsync(roleDeleted.GuildId, null, roleDeleted.RoleId, ct).ConfigureAwait(false);
                break;
            case "THREAD_CREATE":
                await ThreadCreatedAsync(DiscordJson.Read<DiscordChannel>(data), data, ct).ConfigureAwait(false);
                break;
            case "MESSAGE_CREATE":
                await MessageCreatedAsync(DiscordJson.Read<DiscordMessage>(data), ct).ConfigureAwait(false);
                break;
            case "MESSAGE_UPDATE":
                await MessageUpdatedAsync(data, ct).ConfigureAwait(false);
                break;
            case "MESSAGE_DELETE":
                var deleted = DiscordJson.Read<DiscordMessageDelete>(data);
                await PushAsync(new RemoteRedaction(DiscordIds.Portal(_cache.PortalChannel(deleted.ChannelId)), BotSender, Host.Time.GetUtcNow(), DiscordIds.Message(deleted.Id)), ct).ConfigureAwait(false);
                break;
            case "MESSAGE_REACTION_ADD" or "MESSAGE_REACTION_REMOVE":
                await ReactionAsync(DiscordJson.Read<DiscordReactionEvent>(data), type == "MESSAGE_REACTION_ADD", ct).ConfigureAwait(false);
                break;
            case "TYPING_START":
                var typing = DiscordJson.Read<DiscordTypingStart>(data);
                _cache.Remember(typing.GuildId, typing.Member);
                if (typing.UserId != _botId && typing.GuildId is not null)
                {
                    // Discord shows typing for 10 seconds unless it is renewed.
                    await PushAsync(new RemoteTyping(DiscordIds.Portal(_cache.PortalChannel(typing.ChannelId)), new EventSender(DiscordIds.User(typing.UserId)), Host.Time.GetUtcNow(), true, TimeSpan.FromSeconds(10)), ct).ConfigureAwait(false);
                }

                break;
        }
    }

    /// <summary>
    /// Deletions name no deleter (the Gateway does not say who), so the core redacts as the bridge bot's sender; Discord
    /// only lets authors and moderators delete, so the message is gone either way.
    /// </summary>
    private EventSender BotSender => new(DiscordIds.User(_botId ?? "0"));

    private async Task MessageCreatedAsync(DiscordMessage message, CancellationToken ct)
    {
        if (message.GuildId is not { } guildId || !UserMessageTypes.Contains(message.Type))
        {
            // DMs are not bridged by the relay bot; joins, pins and boosts are Discord's own notices.
            return;
        }

        if (message.WebhookId is { } webhookId && await _webhooks.IsOwnAsync(webhookId, _cache.PortalChannel(message.ChannelId), ct).ConfigureAwait(false))
        {
            // Our relay's echo: the send already mapped it.
            return;
        }

        if (message.Author.Id == _botId)
        {
            return;
        }

        await PushAsync(ToRemoteMessage(message, guildId), ct).ConfigureAwait(false);
    }

    private RemoteMessage ToRemoteMessage(DiscordMessage message, string? guildId)
    {
        if (message.WebhookId is null)
        {
            _cache.Remember(guildId, message.Member, message.Author);
        }

        foreach (var mentioned in message.Mentions ?? [])
        {
            _cache.Users.TryAdd(mentioned.Id, mentioned);
        }

        var sender = new EventSender(DiscordIds.User(message.Author.Id));
        if (message.WebhookId is { } webhook)
        {
            // Another integration's webhook: one ghost per webhook, each message under the name it was posted with.
            sender = sender with { Profile = new MessageProfile($"{webhook}:{message.Author.Username}", message.Author.Username) };
        }

        var content = Content(message, guildId);
        return new RemoteMessage(DiscordIds.Portal(_cache.PortalChannel(message.ChannelId)), sender, message.Timestamp, DiscordIds.Message(message.Id), content);
    }

    private BridgedContent Content(DiscordMessage message, string? guildId)
    {
        string NameOf(string id) => _cache.Users.TryGetValue(id, out var user) ? _cache.DisplayName(user, guildId) : id;
        var content = DiscordEmbeds.Append(DiscordMarkdown.ToBridged(message.Content, NameOf, EmojiImage), message.Content, message.Embeds, NameOf);
        if (message.MessageReference?.MessageId is { } replyTo && message.Type == 19)
        {
            content = content with { ReplyTo = DiscordIds.Message(replyTo) };
        }

        if (_cache.Channels.TryGetValue(message.ChannelId, out var channel) && channel.IsThread)
        {
            content = content with { ThreadRoot = DiscordIds.Thread(channel.Id) };
        }

        var attachments = (message.Attachments ?? []).Select(a => Cdn(string.Empty, a.ContentType ?? "application/octet-stream", a.Filename, a.Size, a.Url)).ToList();
        foreach (var sticker in message.StickerItems ?? [])
        {
            if (StickerImage(sticker) is { } image)
            {
                attachments.Add(image);
                continue;
            }

            // Lottie stickers are vector animations Matrix clients cannot show: their name stands in.
            var note = $"[sticker: {sticker.Name}]";
            content = content.Text.Length == 0
                ? content with { Text = note, Html = null, Kind = MessageKind.Notice }
                : content with { Text = content.Text + "\n" + note, Html = content.Html is null ? null : content.Html + "<br>" + System.Net.WebUtility.HtmlEncode(note) };
        }

        return content with { Attachments = attachments };
    }

    /// <summary>
    /// A sticker as an image from the CDN (<c>stickers/{id}.png</c>, <c>.gif</c> for GIF ones); null for Lottie. The
    /// core has no sticker event for plugins, so it arrives as <c>m.image</c>.
    /// </summary>
    private MediaSource? StickerImage(DiscordStickerItem sticker) => sticker.FormatType switch
    {
        DiscordStickerItem.Png or DiscordStickerItem.Apng => Cdn($"stickers/{sticker.Id}.png", "image/png", $"{sticker.Name}.png"),
        DiscordStickerItem.Gif => Cdn($"stickers/{sticker.Id}.gif", "image/gif", $"{sticker.Name}.gif"),
        _ => null,
    };

    /// <summary>
    /// A custom emoji's image from the CDN (<c>emojis/{id}.png</c>, <c>.gif</c> for an animated one). The emoji is
    /// remembered by name too, so a Matrix user who sends it back (an inline image with its alt text) sends it as itself.
    /// </summary>
    private MediaSource EmojiImage(string id, string name, bool animated)
    {
        _cache.EmojiMarkdown[$":{name}:"] = $"<{(animated ? "a" : string.Empty)}:{name}:{id}>";
        return animated ? Cdn($"emojis/{id}.gif", "image/gif", $"{name}.gif") : Cdn($"emojis/{id}.png", "image/png", $"{name}.png");
    }

    private async Task MessageUpdatedAsync(JsonElement data, CancellationToken ct)
    {
        // An update without content is an embed unfurling or a pin, not an edit.
        if (!data.TryGetProperty("content", out _) || !data.TryGetProperty("author", out _) || !data.TryGetProperty("edited_timestamp", out var edited) || edited.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        var message = DiscordJson.Read<DiscordMessage>(data);
        if (message.GuildId is null || message.Author.Id == _botId
            || (message.WebhookId is { } webhookId && await _webhooks.IsOwnAsync(webhookId, _cache.PortalChannel(message.ChannelId), ct).ConfigureAwait(false)))
        {
            return;
        }

        var remote = ToRemoteMessage(message, message.GuildId);
        await PushAsync(new RemoteEdit(remote.Portal, remote.Sender, message.EditedTimestamp ?? Host.Time.GetUtcNow(), remote.Id, remote.Content with { Attachments = [] }), ct).ConfigureAwait(false);
    }

    private async Task ReactionAsync(DiscordReactionEvent reaction, bool added, CancellationToken ct)
    {
        if (reaction.UserId == _botId || reaction.GuildId is null)
        {
            // The bot's own reactions are relayed Matrix reactions.
            return;
        }

        _cache.Remember(reaction.GuildId, reaction.Member);
        var key = reaction.Emoji.Id is { } id
            ? RememberCustomEmoji(reaction.Emoji.Name ?? "emoji", id)
            : DiscordIds.Emoji(reaction.Emoji.Name, null);
        var portal = DiscordIds.Portal(_cache.PortalChannel(reaction.ChannelId));
        var sender = new EventSender(DiscordIds.User(reaction.UserId));
        var target = DiscordIds.Message(reaction.MessageId);
        RemoteEvent evt = added
            ? new RemoteReaction(portal, sender, Host.Time.GetUtcNow(), target, key)
            : new RemoteReactionRemoved(portal, sender, Host.Time.GetUtcNow(), target, key);
        await PushAsync(evt, ct).ConfigureAwait(false);
    }

    /// <summary>A custom emoji reacts on Matrix as its <c>:name:</c>; the REST form is kept for reacting back with it.</summary>
    private Core.Network.Ids.EmojiId RememberCustomEmoji(string name, string id)
    {
        var key = $":{name}:";
        _cache.CustomEmoji[key] = $"{name}:{id}";
        return new Core.Network.Ids.EmojiId(key);
    }

    private async Task ThreadCreatedAsync(DiscordChannel thread, JsonElement data, CancellationToken ct)
    {
        _cache.Channels[thread.Id] = thread;
        if (thread.ParentId is not { } parentId || (data.TryGetProperty("newly_created", out var fresh) && fresh.ValueKind == JsonValueKind.False))
        {
            // A thread we were added to later: its messages still name it, but it is not new.
            return;
        }

        var forum = _cache.Channels.TryGetValue(parentId, out var parent) && parent.Type is DiscordChannel.Forum or DiscordChannel.Media;
        var sender = new EventSender(DiscordIds.User(thread.OwnerId ?? _botId ?? "0"));
        // A thread started from a message has that message's id; a forum post has no starter elsewhere, so its title is the root.
        await PushAsync(new RemoteThreadCreated(DiscordIds.Portal(parentId), sender, Host.Time.GetUtcNow(), DiscordIds.Thread(thread.Id), thread.Name,
            forum ? null : DiscordIds.Message(thread.Id)), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Pushes without waiting for the bridging: the Gateway sequence is not a durable cursor (a missed event comes back
    /// through RESUME, or through catch-up backfill after a restart).
    /// </summary>
    private async Task PushAsync(RemoteEvent evt, CancellationToken ct)
    {
        var receipt = await Host.Events.PushAsync(evt, ct).ConfigureAwait(false);
        _ = receipt.Bridged.ContinueWith(
            t =>
            {
                if (t.IsCompletedSuccessfully && t.Result is not (RemoteEventResult.Bridged or RemoteEventResult.Duplicate))
                {
                    Log.NotBridged(_logger, evt is RemoteMessage m ? m.Id.Value : evt.GetType().Name, evt.Portal.Id.Value, t.Result.ToString());
                }
            },
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
