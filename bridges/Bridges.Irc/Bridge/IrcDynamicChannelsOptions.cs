namespace Bridges.Irc.Bridge;

/// <summary>
/// Which channels a Matrix user may open by joining their alias (<c>bridges:irc:networks:&lt;id&gt;:dynamic_channels</c>),
/// like matrix-appservice-irc's <c>dynamicChannels</c>. Off by default: otherwise any alias lookup (federated ones
/// included) makes a portal and has the relay bot join whatever channel it names.
/// </summary>
public sealed class IrcDynamicChannelsOptions
{
    /// <summary>Whether joining an alias may open a channel that is not in <c>channels</c> (and not bridged yet).</summary>
    public bool Enabled { get; set; }

    /// <summary>Glob patterns (<c>*</c>, <c>?</c>; compared case-folded) of channels that may be opened; empty: any.</summary>
    public List<string> Allow { get; set; } = [];

    /// <summary>Glob patterns of channels that may never be opened this way (wins over <see cref="Allow"/>).</summary>
    public List<string> Exclude { get; set; } = [];
}
