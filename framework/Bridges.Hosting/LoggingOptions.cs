using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Logging;

namespace Bridges.Hosting;

/// <summary>Console logging (config section <c>logging</c>).</summary>
public sealed class LoggingOptions
{
    /// <summary>The config section name.</summary>
    public const string SectionName = "logging";

    /// <summary><c>plain</c> (one line per entry) or <c>json</c>.</summary>
    [RegularExpression("(?i)plain|json", ErrorMessage = "must be plain or json")]
    public string Format { get; set; } = "plain";

    /// <summary>The default minimum level.</summary>
    public LogLevel Level { get; set; } = LogLevel.Information;

    /// <summary>Minimum levels per category prefix, e.g. <c>Bridges.Core: Debug</c>.</summary>
    public Dictionary<string, LogLevel> Levels { get; set; } = [];
}
