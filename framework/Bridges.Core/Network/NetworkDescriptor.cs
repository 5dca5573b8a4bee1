namespace Bridges.Core.Network;

/// <summary>A network's names, used for ghosts, aliases and MSC2346 bridge info.</summary>
public sealed record NetworkDescriptor
{
    /// <summary>Short id, e.g. <c>irc</c>; used in MSC2346 state and as the default localpart prefix.</summary>
    public required string Id { get; init; }

    /// <summary>Human name, e.g. <c>IRC</c>.</summary>
    public required string DisplayName { get; init; }

    /// <summary>A URL to the network's icon (mxc or https), for bridge info.</summary>
    public string? IconUrl { get; init; }
}
