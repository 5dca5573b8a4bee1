using System.ComponentModel.DataAnnotations;

namespace Bridges.Hosting;

/// <summary>
/// Hosting settings of one bridge (config section <c>bridges:&lt;network&gt;</c>; the same section carries the
/// core's <see cref="Core.Bridge.BridgeOptions"/> and the plugin's own options).
/// </summary>
public sealed class BridgeInstanceOptions
{
    /// <summary>Whether this bridge runs.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The registration file; generated with fresh tokens when missing.</summary>
    public string? Registration { get; set; }

    /// <summary>Path prefix the homeserver uses for this bridge, e.g. <c>/irc</c>, so bridges can share one port.</summary>
    [RegularExpression("/.*", ErrorMessage = "must start with '/'")]
    public string? PathPrefix { get; set; }

    /// <summary>The appservice id; default <c>bridges-&lt;network&gt;</c>.</summary>
    public string? AppServiceId { get; set; }

    /// <summary>The bot's localpart; default <c>&lt;network&gt;bot</c>.</summary>
    public string? BotLocalpart { get; set; }
}
