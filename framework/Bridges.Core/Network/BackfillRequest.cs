using Bridges.Core.Network.Ids;

namespace Bridges.Core.Network;

/// <summary>What <see cref="IBackfiller.FetchMessagesAsync"/> should return; at most one of the anchors is set.</summary>
/// <param name="Portal">The chat.</param>
/// <param name="Limit">The most messages to return.</param>
public sealed record BackfillRequest(PortalKey Portal, int Limit)
{
    /// <summary>Catch-up: messages after this one (exclusive), the oldest first.</summary>
    public BackfillAnchor? After { get; init; }

    /// <summary>History: the newest messages before this one (exclusive); the newest of the chat when neither anchor is set.</summary>
    public BackfillAnchor? Before { get; init; }
}
