using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bridges.Discord.Api;

// The few Discord objects the bridge reads, with the fields it uses (names as in the docs, snake_case on the wire).

internal sealed record DiscordUser(string Id, string Username, string? GlobalName = null, string? Avatar = null, bool? Bot = null);

internal sealed record DiscordMember(DiscordUser? User = null, string? Nick = null, string? Avatar = null)
{
    /// <summary>The member's role ids (without @everyone); null when the payload left them out.</summary>
    public IReadOnlyList<string>? Roles { get; init; }
}

internal sealed record DiscordMessageReference(string? MessageId = null, string? ChannelId = null);

internal sealed record DiscordAttachment(string Id, string Filename, long Size, string Url, string? ContentType = null, int? Width = null, int? Height = null);

internal sealed record DiscordMessage(string Id, string ChannelId, DiscordUser Author, string Content, DateTimeOffset Timestamp)
{
    public int Type { get; init; }

    public string? GuildId { get; init; }

    public string? WebhookId { get; init; }

    public DateTimeOffset? EditedTimestamp { get; init; }

    public DiscordMessageReference? MessageReference { get; init; }

    public IReadOnlyList<DiscordUser>? Mentions { get; init; }

    public IReadOnlyList<DiscordAttachment>? Attachments { get; init; }

    public DiscordMember? Member { get; init; }

    public IReadOnlyList<DiscordEmbed>? Embeds { get; init; }

    public IReadOnlyList<DiscordStickerItem>? StickerItems { get; init; }
}

internal sealed record DiscordChannel(string Id, int Type, string? GuildId = null, string? Name = null, int? Position = null, string? ParentId = null, string? Topic = null)
{
    public const int Text = 0, Category = 4, Announcement = 5, AnnouncementThread = 10, PublicThread = 11, PrivateThread = 12, Forum = 15, Media = 16;

    public bool IsThread => Type is AnnouncementThread or PublicThread or PrivateThread;

    public string? OwnerId { get; init; }

    public IReadOnlyList<DiscordOverwrite>? PermissionOverwrites { get; init; }
}

internal sealed record DiscordGuild(string Id, string Name, string? Icon = null, int PremiumTier = 0)
{
    public IReadOnlyList<DiscordChannel>? Channels { get; init; }

    public IReadOnlyList<DiscordChannel>? Threads { get; init; }

    public IReadOnlyList<DiscordMember>? Members { get; init; }

    public IReadOnlyList<DiscordRole>? Roles { get; init; }

    public string? OwnerId { get; init; }
}

internal sealed record DiscordWebhook(string Id, string Name, string? Token = null, string? ChannelId = null, DiscordUser? User = null);

internal sealed record DiscordEmoji(string? Id, string? Name);

internal sealed record DiscordReactionEvent(string UserId, string ChannelId, string MessageId, DiscordEmoji Emoji, string? GuildId = null, DiscordMember? Member = null);

internal sealed record DiscordMessageDelete(string Id, string ChannelId, string? GuildId = null);

internal sealed record DiscordTypingStart(string ChannelId, string UserId, string? GuildId = null, DiscordMember? Member = null);

internal sealed record DiscordReady(DiscordUser User, string SessionId, string ResumeGatewayUrl);

internal sealed record DiscordGatewayBot(string Url);

internal sealed record DiscordEmbedField(string Name, string Value, bool Inline = false);

internal sealed record DiscordEmbedFooter(string Text);

internal sealed record DiscordEmbedAuthor(string Name, string? Url = null);

internal sealed record DiscordEmbedImage(string? Url = null);

internal sealed record DiscordEmbed(string? Type = null, string? Title = null, string? Url = null, string? Description = null)
{
    public IReadOnlyList<DiscordEmbedField>? Fields { get; init; }

    public DiscordEmbedFooter? Footer { get; init; }

    public DiscordEmbedAuthor? Author { get; init; }

    public DiscordEmbedImage? Image { get; init; }

    public DiscordEmbedImage? Thumbnail { get; init; }
}

/// <summary>A sticker on a message; <see cref="FormatType"/> 1 PNG, 2 APNG, 3 Lottie, 4 GIF.</summary>
internal sealed record DiscordStickerItem(string Id, string Name, int FormatType)
{
    public const int Png = 1, Apng = 2, Lottie = 3, Gif = 4;
}

/// <summary>A guild role; permissions are a decimal string on the wire. The @everyone role has the guild's id.</summary>
internal sealed record DiscordRole(string Id, string Name = "", string Permissions = "0", int Position = 0);

/// <summary>A channel permission overwrite: type 0 for a role, 1 for a member.</summary>
internal sealed record DiscordOverwrite(string Id, int Type, string Allow = "0", string Deny = "0");

/// <summary>The JSON settings of the wire format: snake_case names, nulls left out of requests.</summary>
internal static class DiscordJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static T Read<T>(JsonElement element) => element.Deserialize<T>(Options) ?? throw new JsonException($"null {typeof(T).Name}");
}
