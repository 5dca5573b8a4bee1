using Bridges.Core.Content;

namespace Bridges.Core.Network;

/// <summary>
/// What a network (or one chat of it, through <see cref="IChatCapabilities"/>) can carry. The core reads it before
/// each send and adapts: an edit the network cannot take goes out as a corrected message, text over the length
/// limit is split, and what cannot be converted is refused with a notice in the room instead of being dropped.
/// </summary>
public sealed record NetworkCapabilities
{
    /// <summary>Longest text the network takes in one message, in characters; 0 for no limit (or the plugin splits).</summary>
    public int MaxTextLength { get; init; }

    /// <summary>
    /// Whether a message with several lines stays one message. Where it does not (IRC sends a line per message),
    /// relay templates go on every line, so a relayed line never looks like another user's.
    /// </summary>
    public bool MultilineMessages { get; init; } = true;

    /// <summary>
    /// Whether the network shows a relayed sender's name (and avatar) on each message itself (Discord webhooks, IRC
    /// <c>draft/relaymsg</c>). Then the core leaves relayed text bare and hands the plugin the sender's profile and a
    /// templated fallback (<see cref="RelayInfo"/>); otherwise it applies the relay template.
    /// </summary>
    public bool NativeRelayProfiles { get; init; }

    /// <summary>Whether formatting survives the trip (otherwise the plain body is sent).</summary>
    public bool Formatting { get; init; } = true;

    /// <summary>Whether threads exist.</summary>
    public bool Threads { get; init; }

    /// <summary>Whether replies exist (otherwise a reply goes out as a plain message).</summary>
    public bool Replies { get; init; } = true;

    /// <summary>Whether files can be sent (otherwise media go as links).</summary>
    public bool Media { get; init; }

    /// <summary>The kinds of file the network takes; null for every kind.</summary>
    public IReadOnlyList<MediaKind>? MediaKinds { get; init; }

    /// <summary>Largest file the network takes, in bytes; 0 for no limit.</summary>
    public long MaxMediaBytes { get; init; }

    /// <summary>Whether sent messages can be edited (otherwise an edit goes out as a corrected message).</summary>
    public bool Edits { get; init; } = true;

    /// <summary>How long after sending a message can still be edited; null for no limit.</summary>
    public TimeSpan? EditWindow { get; init; }

    /// <summary>Whether sent messages can be deleted.</summary>
    public bool Redactions { get; init; } = true;

    /// <summary>Whether reactions exist.</summary>
    public bool Reactions { get; init; } = true;

    /// <summary>
    /// Whether the relay reacts for Matrix users who have no login (Discord's bot can; an IRC relay cannot). The
    /// network then shows one reaction of the relay per emoji, however many Matrix users reacted with it, and it is
    /// taken back when the last of them takes theirs back.
    /// </summary>
    public bool RelayedReactions { get; init; }

    /// <summary>
    /// Whether the relay shows typing for Matrix users who have no login (Discord's bot can: "Relay is typing"). The
    /// relay then types while at least one relayed user types.
    /// </summary>
    public bool RelayedTyping { get; init; }

    /// <summary>Whether only unicode emoji are taken as reactions (no free text, no custom images).</summary>
    public bool UnicodeReactionsOnly { get; init; }

    /// <summary>Whether typing notifications are carried.</summary>
    public bool Typing { get; init; } = true;

    /// <summary>Whether read receipts are carried.</summary>
    public bool ReadReceipts { get; init; } = true;
}
