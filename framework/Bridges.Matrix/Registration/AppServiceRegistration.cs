using Bridges.Matrix.Ids;

namespace Bridges.Matrix.Registration;

/// <summary>
/// An application service registration (Application Service API, "Registration"): what the homeserver
/// is told about the bridge. Read and written as YAML by <see cref="RegistrationYaml"/>.
/// </summary>
public sealed class AppServiceRegistration
{
    /// <summary>Unique id of this appservice on the homeserver.</summary>
    public required string Id { get; set; }

    /// <summary>Where the homeserver sends transactions; null for an appservice that receives none.</summary>
    public string? Url { get; set; }

    /// <summary>The token the appservice uses against the homeserver.</summary>
    public required string AsToken { get; set; }

    /// <summary>The token the homeserver presents to the appservice.</summary>
    public required string HsToken { get; set; }

    /// <summary>Localpart of the bridge bot user.</summary>
    public required string SenderLocalpart { get; set; }

    /// <summary>The user, alias and room namespaces this appservice claims.</summary>
    public RegistrationNamespaces Namespaces { get; set; } = new();

    /// <summary>Whether the homeserver rate-limits this appservice's users; bridges normally set false.</summary>
    public bool? RateLimited { get; set; }

    /// <summary>Third-party protocols this appservice provides (e.g. <c>irc</c>).</summary>
    public List<string> Protocols { get; set; } = [];

    /// <summary>Receive typing, receipts and presence in transactions (spec v1.13+ and MSC2409).</summary>
    public bool ReceiveEphemeral { get; set; }

    /// <summary>The MSC2409 unstable key some homeservers still read; kept in step with <see cref="ReceiveEphemeral"/>.</summary>
    public bool? Msc2409PushEphemeral { get; set; }

    /// <summary>MSC3202: device masquerading and encryption-related data in transactions.</summary>
    public bool? Msc3202 { get; set; }

    /// <summary>The full user id of the bot on <paramref name="serverName"/>.</summary>
    public UserId BotUserId(string serverName) => UserId.Create(SenderLocalpart, serverName);

    /// <summary>
    /// True when <paramref name="userId"/> is the bot or inside one of the user namespaces. Pass the homeserver's
    /// <paramref name="serverName"/> so a same-named user on another server is not taken for the bot.
    /// </summary>
    public bool IsInUserNamespace(UserId userId, string? serverName = null) =>
        IsBot(userId, serverName) || Namespaces.Users.Any(n => n.IsMatch(userId.Value));

    /// <summary>True when the user is the bot or inside an exclusive user namespace (a ghost, not a real user).</summary>
    public bool IsExclusiveUser(UserId userId, string? serverName = null) =>
        IsBot(userId, serverName) || Namespaces.Users.Any(n => n.Exclusive && n.IsMatch(userId.Value));

    private bool IsBot(UserId userId, string? serverName) =>
        userId.Localpart == SenderLocalpart && (serverName is null || userId.Server == serverName);

    /// <summary>True when the alias is inside one of the alias namespaces.</summary>
    public bool IsInAliasNamespace(RoomAlias alias) => Namespaces.Aliases.Any(n => n.IsMatch(alias.Value));
}
