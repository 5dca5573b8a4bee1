using System.Globalization;
using System.Text.Json.Nodes;

namespace Bridges.Emulators.Discord.World;

/// <summary>Renders world objects in the shapes the OpenAPI description and the Gateway docs give them.</summary>
internal static class DiscordJson
{
    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture);

    public static JsonObject User(EmulatedUser u)
    {
        var json = new JsonObject
        {
            ["id"] = u.Id,
            ["username"] = u.Username,
            ["avatar"] = u.Avatar,
            ["discriminator"] = "0",
            ["public_flags"] = 0,
            ["flags"] = 0,
            ["global_name"] = u.GlobalName,
            ["primary_guild"] = null,
        };
        if (u.IsBot)
        {
            json["bot"] = true;
        }

        return json;
    }

    public static JsonObject CurrentUser(EmulatedUser u)
    {
        var json = User(u);
        json["mfa_enabled"] = false;
        json["locale"] = "en-US";
        return json;
    }

    /// <summary>A webhook message's author: the webhook's id with the name and avatar of that one message.</summary>
    private static JsonObject WebhookAuthor(EmulatedMessage m) => new()
    {
        ["id"] = m.WebhookId,
        ["username"] = m.WebhookUsername ?? "Webhook",
        ["avatar"] = null,
        ["discriminator"] = "0000",
        ["public_flags"] = 0,
        ["flags"] = 0,
        ["bot"] = true,
        ["global_name"] = null,
        ["primary_guild"] = null,
    };

    /// <summary>A guild member (the docs' Guild Member Object); <paramref name="details"/> gives roles and nickname.</summary>
    public static JsonObject Member(EmulatedUser u, DateTimeOffset joined, EmulatedMember? details = null) => new()
    {
        ["user"] = User(u),
        ["nick"] = details?.Nick,
        ["avatar"] = null,
        ["banner"] = null,
        ["roles"] = new JsonArray([.. (details?.Roles ?? []).Select(r => (JsonNode)r)]),
        ["joined_at"] = Time(details?.JoinedAt ?? joined),
        ["premium_since"] = null,
        ["deaf"] = false,
        ["mute"] = false,
        ["flags"] = 0,
        ["pending"] = false,
        ["communication_disabled_until"] = null,
    };

    /// <summary>A role (the docs' Role Object, GuildRoleResponse); permissions are a decimal string.</summary>
    public static JsonObject Role(EmulatedRole r) => new()
    {
        ["id"] = r.Id,
        ["name"] = r.Name,
        ["color"] = 0,
        ["colors"] = new JsonObject { ["primary_color"] = 0, ["secondary_color"] = null, ["tertiary_color"] = null },
        ["hoist"] = false,
        ["icon"] = null,
        ["unicode_emoji"] = null,
        ["position"] = r.Position,
        ["permissions"] = Str(r.Permissions),
        ["managed"] = false,
        ["mentionable"] = false,
        ["flags"] = 0,
    };

    /// <summary>The guild object of GUILD_UPDATE (no GUILD_CREATE extras).</summary>
    public static JsonObject Guild(EmulatedGuild g, IEnumerable<EmulatedRole> roles, IEnumerable<EmulatedEmoji> emojis) => new()
    {
        ["id"] = g.Id,
        ["name"] = g.Name,
        ["icon"] = null,
        ["owner_id"] = g.OwnerId,
        ["premium_tier"] = g.PremiumTier,
        ["roles"] = new JsonArray([.. roles.Select(r => (JsonNode)Role(r))]),
        ["emojis"] = new JsonArray([.. emojis.Select(e => (JsonNode)Emoji(e))]),
        ["features"] = new JsonArray(),
    };

    public static JsonObject Channel(EmulatedChannel c)
    {
        var json = new JsonObject
        {
            ["id"] = c.Id,
            ["type"] = c.Type,
            ["flags"] = 0,
            ["guild_id"] = c.GuildId,
            ["name"] = c.Name,
            ["parent_id"] = c.ParentId,
            ["position"] = c.Position,
        };
        if (c.Type != EmulatedChannel.PublicThread)
        {
            json["permission_overwrites"] = new JsonArray([.. c.Overwrites.Select(o => (JsonNode)new JsonObject
            {
                ["id"] = o.Id, ["type"] = o.Type, ["allow"] = Str(o.Allow), ["deny"] = Str(o.Deny),
            })]);
        }

        if (c.Type is EmulatedChannel.Text or EmulatedChannel.Forum)
        {
            json["topic"] = c.Topic;
            json["nsfw"] = false;
            json["rate_limit_per_user"] = 0;
        }

        if (c.Type == EmulatedChannel.PublicThread)
        {
            json.Remove("position");
            json["owner_id"] = c.OwnerId;
            json["message_count"] = 0;
            json["member_count"] = 1;
            json["total_message_sent"] = 0;
            json["thread_metadata"] = new JsonObject
            {
                ["archived"] = false,
                ["auto_archive_duration"] = 1440,
                ["archive_timestamp"] = Time(DateTimeOffset.UnixEpoch),
                ["locked"] = false,
            };
        }

        return json;
    }

    public static JsonObject Message(EmulatedMessage m, WorldState world, bool withContent = true)
    {
        var author = m.WebhookId is not null ? WebhookAuthor(m) : User(world.Users[m.AuthorId]);
        var reactions = new JsonArray();
        foreach (var group in m.Reactions.GroupBy(r => (r.EmojiName, r.EmojiId)))
        {
            reactions.Add(new JsonObject
            {
                ["emoji"] = new JsonObject { ["id"] = group.Key.EmojiId, ["name"] = group.Key.EmojiName },
                ["count"] = group.Count(),
                ["count_details"] = new JsonObject { ["burst"] = 0, ["normal"] = group.Count() },
                ["burst_colors"] = new JsonArray(),
                ["me_burst"] = false,
                ["me"] = group.Any(r => world.Users.TryGetValue(r.UserId, out var u) && u.IsBot),
            });
        }

        var json = new JsonObject
        {
            ["type"] = m.ReferenceId is null ? 0 : 19,
            ["content"] = withContent ? m.Content : string.Empty,
            ["mentions"] = new JsonArray([.. m.Mentions.Where(world.Users.ContainsKey).Select(id => (JsonNode)User(world.Users[id]))]),
            ["mention_roles"] = new JsonArray(),
            ["attachments"] = new JsonArray([.. m.Attachments.Select(a => (JsonNode)Attachment(m, a, world))]),
            ["embeds"] = new JsonArray([.. m.Embeds.Select(e => e.DeepClone())]),
            ["timestamp"] = Time(m.Timestamp),
            ["edited_timestamp"] = m.EditedTimestamp is { } edited ? Time(edited) : null,
            ["flags"] = 0,
            ["components"] = new JsonArray(),
            ["id"] = m.Id,
            ["channel_id"] = m.ChannelId,
            ["author"] = author,
            ["pinned"] = false,
            ["mention_everyone"] = false,
            ["tts"] = false,
        };
        if (m.WebhookId is not null)
        {
            json["webhook_id"] = m.WebhookId;
        }

        if (m.Nonce is not null)
        {
            json["nonce"] = m.Nonce;
        }

        if (reactions.Count > 0)
        {
            json["reactions"] = reactions;
        }

        if (m.Stickers.Count > 0)
        {
            json["sticker_items"] = new JsonArray([.. m.Stickers.Select(s => (JsonNode)new JsonObject { ["id"] = s.Id, ["name"] = s.Name, ["format_type"] = s.FormatType })]);
        }

        if (m.ReferenceId is not null && world.Channels.TryGetValue(m.ChannelId, out var channel))
        {
            json["message_reference"] = new JsonObject { ["type"] = 0, ["channel_id"] = m.ChannelId, ["message_id"] = m.ReferenceId, ["guild_id"] = channel.GuildId };
        }

        return json;
    }

    private static JsonObject Attachment(EmulatedMessage m, EmulatedAttachment a, WorldState world)
    {
        var url = $"{world.CdnBase}attachments/{m.ChannelId}/{a.Id}/{Uri.EscapeDataString(a.FileName)}";
        var json = new JsonObject
        {
            ["id"] = a.Id,
            ["filename"] = a.FileName,
            ["size"] = a.Data.Length,
            ["url"] = url,
            ["proxy_url"] = url,
        };
        if (a.ContentType is not null)
        {
            json["content_type"] = a.ContentType;
        }

        return json;
    }

    public static JsonObject Webhook(EmulatedWebhook w, WorldState world, string baseUrl) => new()
    {
        ["application_id"] = null,
        ["avatar"] = null,
        ["channel_id"] = w.ChannelId,
        ["guild_id"] = w.GuildId,
        ["id"] = w.Id,
        ["name"] = w.Name,
        ["type"] = 1,
        ["user"] = User(world.Users[w.CreatorId]),
        // Discord shows the token only to the webhook's creator (and to the bot that made it).
        ["token"] = w.Token,
        ["url"] = $"{baseUrl}api/webhooks/{w.Id}/{w.Token}",
    };

    public static JsonObject Emoji(string name, string? id) => new() { ["id"] = id, ["name"] = name };

    /// <summary>A guild emoji object (EmojiResponse).</summary>
    public static JsonObject Emoji(EmulatedEmoji e) => new()
    {
        ["id"] = e.Id,
        ["name"] = e.Name,
        ["roles"] = new JsonArray(),
        ["require_colons"] = true,
        ["managed"] = false,
        ["animated"] = e.Animated,
        ["available"] = true,
    };

    public static string Str(long value) => value.ToString(CultureInfo.InvariantCulture);
}
