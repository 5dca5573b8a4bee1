using System.Text.Json.Serialization;
using Bridges.Matrix.Ids;

namespace Bridges.Matrix.Events;

/// <summary><c>m.relates_to</c>: edits, reactions, replies and threads.</summary>
public sealed record RelatesTo
{
    [JsonPropertyName("rel_type")]
    public string? RelType { get; init; }

    [JsonPropertyName("event_id")]
    public EventId? EventId { get; init; }

    /// <summary>For <c>m.annotation</c>: the reaction key, usually an emoji.</summary>
    [JsonPropertyName("key")]
    public string? Key { get; init; }

    /// <summary>For threads: true when the reply is only a fallback for clients without thread support.</summary>
    [JsonPropertyName("is_falling_back")]
    public bool? IsFallingBack { get; init; }

    [JsonPropertyName("m.in_reply_to")]
    public InReplyTo? InReplyTo { get; init; }

    /// <summary>A reply to <paramref name="eventId"/>.</summary>
    public static RelatesTo Reply(EventId eventId) => new() { InReplyTo = new InReplyTo { EventId = eventId } };

    /// <summary>An edit of <paramref name="eventId"/>.</summary>
    public static RelatesTo Replace(EventId eventId) => new() { RelType = RelationTypes.Replace, EventId = eventId };

    /// <summary>A reaction with <paramref name="key"/> to <paramref name="eventId"/>.</summary>
    public static RelatesTo Annotation(EventId eventId, string key) => new() { RelType = RelationTypes.Annotation, EventId = eventId, Key = key };

    /// <summary>A message in the thread rooted at <paramref name="root"/>, replying to <paramref name="latest"/> as fallback.</summary>
    public static RelatesTo Thread(EventId root, EventId latest) => new()
    {
        RelType = RelationTypes.Thread,
        EventId = root,
        IsFallingBack = true,
        InReplyTo = new InReplyTo { EventId = latest },
    };
}
