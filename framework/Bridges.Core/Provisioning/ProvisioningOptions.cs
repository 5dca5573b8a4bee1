namespace Bridges.Core.Provisioning;

/// <summary>The provisioning HTTP API (config section <c>bridges:&lt;network&gt;:provisioning</c>).</summary>
public sealed class ProvisioningOptions
{
    /// <summary>Whether the API is served.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The shared secret integrations present as a bearer token; the API is off while it is empty.</summary>
    public string? SharedSecret { get; set; }
}
