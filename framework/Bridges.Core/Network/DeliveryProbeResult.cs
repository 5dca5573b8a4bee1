using Bridges.Core.Network.Ids;

namespace Bridges.Core.Network;

/// <summary>A probe's answer; <paramref name="Id"/> names the delivered message.</summary>
public sealed record DeliveryProbeResult(DeliveryState State, RemoteMessageId? Id = null, DateTimeOffset? Timestamp = null);
