using System.ComponentModel.DataAnnotations;
using Bridges.Hosting.Configuration;

namespace Bridges.Hosting;

/// <summary>The homeserver the bridges connect to (config section <c>homeserver</c>).</summary>
public sealed class HomeserverOptions
{
    /// <summary>The config section name.</summary>
    public const string SectionName = "homeserver";

    /// <summary>Client-Server API base URL. Empty runs the in-process demo homeserver.</summary>
    [AbsoluteUrl]
    public string? Url { get; set; }

    /// <summary>The server name in user ids (the part after <c>:</c>).</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "required")]
    public string ServerName { get; set; } = "localhost";
}
