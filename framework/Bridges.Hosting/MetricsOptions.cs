using System.ComponentModel.DataAnnotations;

namespace Bridges.Hosting;

/// <summary>
/// The Prometheus endpoint (config section <c>metrics</c>). It has a listener of its own, on loopback by default,
/// because the bridge's main listener also serves public media links and webhooks to the internet.
/// </summary>
public sealed class MetricsOptions
{
    /// <summary>The config section name.</summary>
    public const string SectionName = "metrics";

    /// <summary>Serve <c>/metrics</c> at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Address of the metrics listener.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "required")]
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>Port of the metrics listener; 0 picks a free one. The main listener's own address and port put metrics there.</summary>
    [Range(0, 65535, ErrorMessage = "must be between {1} and {2} (0 picks a free port)")]
    public int Port { get; set; } = 29301;
}
