using Bridges.Core.Network.Ids;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Database;

/// <summary>A bridged reaction: unique per (portal, target, sender, emoji) and by (room, event id).</summary>
public sealed record ReactionRecord
{
    public required PortalKey Portal { get; init; }

    public required RemoteMessageId TargetId { get; init; }

    public required RemoteUserId Sender { get; init; }

    public required EmojiId Emoji { get; init; }

    public required RoomId RoomId { get; init; }

    public required EventId EventId { get; init; }

    public RemoteReactionId? RemoteReactionId { get; init; }

    /// <summary>Whether the relay sent it for a Matrix user without a login (<see cref="RelayedBy"/>).</summary>
    public bool IsRelayed => Sender.Value.StartsWith(RelayedPrefix, StringComparison.Ordinal);

    private const string RelayedPrefix = "relayed:";

    /// <summary>
    /// The sender recorded for a reaction the relay sent for <paramref name="user"/>: one per Matrix user, so several
    /// users reacting with one emoji are told apart although the network shows the relay's single reaction.
    /// </summary>
    public static RemoteUserId RelayedBy(UserId user) => new(RelayedPrefix + user.Value);
}
