namespace Bridges.Emulators.Discord.World;

/// <summary>A message as the emulator holds it (a snapshot: the world replaces it on edit).</summary>
public sealed record EmulatedMessage(string Id, string ChannelId, string AuthorId, string Content, DateTimeOffset Timestamp)
{
    /// <summary>When it was last edited.</summary>
    public DateTimeOffset? EditedTimestamp { get; init; }

    /// <summary>The webhook that posted it, with the per-message name and avatar it was given.</summary>
    public string? WebhookId { get; init; }

    public string? WebhookUsername { get; init; }

    public string? WebhookAvatarUrl { get; init; }

    /// <summary>The message replied to.</summary>
    public string? ReferenceId { get; init; }

    /// <summary>The nonce the sender gave, echoed back as Discord does.</summary>
    public string? Nonce { get; init; }

    /// <summary>Users mentioned with <c>&lt;@id&gt;</c>.</summary>
    public IReadOnlyList<string> Mentions { get; init; } = [];

    public IReadOnlyList<EmulatedReaction> Reactions { get; init; } = [];

    public IReadOnlyList<EmulatedAttachment> Attachments { get; init; } = [];

    /// <summary>Embeds in the shape of the spec's <c>MessageEmbedResponse</c> (rich cards, link previews).</summary>
    public IReadOnlyList<System.Text.Json.Nodes.JsonObject> Embeds { get; init; } = [];

    public IReadOnlyList<EmulatedSticker> Stickers { get; init; } = [];
}
