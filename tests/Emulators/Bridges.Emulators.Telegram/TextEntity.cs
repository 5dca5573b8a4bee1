namespace Bridges.Emulators.Telegram;

/// <summary>A MessageEntity a simulated user attaches to a text or caption (offsets in UTF-16 code units).</summary>
/// <param name="Type">The entity type as on the wire: bold, italic, text_link, text_mention, code, pre, …</param>
/// <param name="Offset">Start in UTF-16 code units.</param>
/// <param name="Length">Length in UTF-16 code units.</param>
public sealed record TextEntity(string Type, int Offset, int Length)
{
    /// <summary>For text_link.</summary>
    public string? Url { get; init; }

    /// <summary>For text_mention: the mentioned user.</summary>
    public long? UserId { get; init; }

    /// <summary>For pre.</summary>
    public string? Language { get; init; }

    /// <summary>For custom_emoji.</summary>
    public string? CustomEmojiId { get; init; }
}
