namespace Bridges.Irc.Bridge;

/// <summary>
/// The IRC bridge's own settings (config section <c>bridges:irc</c>, next to the core's bridge settings). Secrets are
/// plain text here only because configuration binds text; the bridge wraps them in a <c>Secret</c> at once and never
/// logs them.
/// </summary>
public sealed class IrcOptions
{
    /// <summary>The config section.</summary>
    public const string SectionName = "bridges:irc";

    /// <summary>The IRC networks, by id. The id is part of portal, ghost and alias ids: lower-case letters, digits,
    /// <c>-</c> and <c>.</c> only (no <c>_</c>: YAML keys lose it), and it must never change.</summary>
    public Dictionary<string, IrcNetworkOptions> Networks { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Key (any long random text) that encrypts the NickServ/SASL passwords users store with <c>storepass</c>
    /// (AES-256-GCM, key derived with HKDF-SHA256). While it is empty, storing passwords is refused.
    /// </summary>
    public string? PasswordKey { get; set; }

}
