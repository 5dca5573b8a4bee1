namespace Bridges.Core.Network;

/// <summary>What a <see cref="IDeliveryProbe"/> found out.</summary>
public enum DeliveryState
{
    /// <summary>The network cannot tell: the core sends again.</summary>
    Unknown,

    /// <summary>The message is not there: the core sends it.</summary>
    NotDelivered,

    /// <summary>The message is there: the core maps it and does not send again.</summary>
    Delivered,
}
