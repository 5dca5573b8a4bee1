using System.ComponentModel.DataAnnotations;

namespace Bridges.Hosting;

/// <summary>How the host stops (config section <c>shutdown</c>).</summary>
public sealed class ShutdownOptions
{
    /// <summary>The config section name.</summary>
    public const string SectionName = "shutdown";

    /// <summary>How long queued events may take to go out before the host stops anyway (they are redelivered after restart).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "must be between {1} and {2}")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
