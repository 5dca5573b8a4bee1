using System.ComponentModel.DataAnnotations;

namespace Bridges.Core.Delivery;

/// <summary>How sends to the network are retried before the room is told they failed.</summary>
public sealed class DeliveryOptions
{
    /// <summary>Attempts in all, the first included.</summary>
    [Range(1, 1000, ErrorMessage = "must be between {1} and {2}")]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>First wait after a transient failure; doubled each time.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest wait between attempts.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);
}
