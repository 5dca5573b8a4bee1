using Bridges.Core.Network.Ids;

namespace Bridges.Core.Network;

/// <summary>The outcome of a send: the remote id now, or null when it arrives later with the echo.</summary>
public sealed record SendResult(RemoteMessageId? Id, DateTimeOffset? Timestamp = null);
