using System.ComponentModel.DataAnnotations;
using Bridges.Hosting.Configuration;

namespace Bridges.Hosting;

/// <summary>Where the host listens for the homeserver (config section <c>appservice</c>).</summary>
public sealed class ListenerOptions
{
    /// <summary>The config section name.</summary>
    public const string SectionName = "appservice";

    /// <summary>Address to bind.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "required")]
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>Port to bind; 0 picks a free one.</summary>
    [Range(0, 65535, ErrorMessage = "must be between {1} and {2} (0 picks a free port)")]
    public int Port { get; set; } = 29300;

    /// <summary>The URL the homeserver uses to reach this host; written into registrations. Default from address and port.</summary>
    [AbsoluteUrl]
    public string? PublicUrl { get; set; }
}
