namespace Bridges.Hosting;

/// <summary>How the host stops (config section <c>shutdown</c>).</summary>
public sealed class ShutdownOptions
{
    /// <summary>The config section name.</summary>
    public const string SectionName = "shutdown";

    /// <summary>How long queued events may take to go out before the host stops anyway (they are redelivered after restart).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
