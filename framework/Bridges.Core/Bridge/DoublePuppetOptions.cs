namespace Bridges.Core.Bridge;

/// <summary>
/// Double puppeting with the appservice method: for each homeserver domain, the <c>as_token</c> of a registration
/// with a non-exclusive user namespace covering that domain's real users (it may be this bridge's own, if its
/// registration has such a namespace). Messages a logged-in user sends from another client of the network then
/// appear from their real Matrix account instead of a ghost.
/// </summary>
public sealed class DoublePuppetOptions
{
    /// <summary>Server name → <c>as_token:&lt;token&gt;</c>.</summary>
    public Dictionary<string, string> Servers { get; set; } = [];

    /// <summary>Whether users may turn double puppeting off for themselves with the <c>double-puppet</c> command.</summary>
    public bool AllowOptOut { get; set; } = true;
}
