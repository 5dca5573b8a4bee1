using Bridges.Core.Network.Ids;

namespace Bridges.Core.Network;

/// <summary>
/// A message a backfill request counts from: its id and its time, so a network can anchor by whichever it has
/// (IRC chathistory by time, a network with message ids by id).
/// </summary>
/// <param name="Id">The remote message id.</param>
/// <param name="Timestamp">When the network says it was sent.</param>
public sealed record BackfillAnchor(RemoteMessageId Id, DateTimeOffset Timestamp);
