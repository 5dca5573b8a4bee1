namespace Bridges.Testing.Homeserver;

/// <summary>An application service registration (the standard registration YAML, parsed).</summary>
public sealed class AppServiceRegistration
{
    /// <summary>The appservice id (<c>id</c>).</summary>
    public required string Id { get; init; }

    /// <summary>Where the homeserver reaches the appservice (<c>url</c>); null means it is never pushed to.</summary>
    public Uri? Url { get; init; }

    /// <summary>The token the appservice authenticates with (<c>as_token</c>).</summary>
    public required string AsToken { get; init; }

    /// <summary>The token the homeserver authenticates with (<c>hs_token</c>).</summary>
    public required string HsToken { get; init; }

    /// <summary>Localpart of the appservice's own bot user (<c>sender_localpart</c>).</summary>
    public required string SenderLocalpart { get; init; }

    /// <summary>User namespaces (<c>namespaces.users</c>).</summary>
    public IReadOnlyList<AppServiceNamespace> Users { get; init; } = [];

    /// <summary>Room alias namespaces (<c>namespaces.aliases</c>).</summary>
    public IReadOnlyList<AppServiceNamespace> Aliases { get; init; } = [];

    /// <summary>Room id namespaces (<c>namespaces.rooms</c>).</summary>
    public IReadOnlyList<AppServiceNamespace> Rooms { get; init; } = [];

    /// <summary><c>rate_limited</c> (this homeserver does not rate limit, so it is informational).</summary>
    public bool RateLimited { get; init; }

    /// <summary><c>receive_ephemeral</c>: push typing, receipts and presence in <c>ephemeral</c>.</summary>
    public bool ReceiveEphemeral { get; init; }

    /// <summary><c>de.sorunome.msc2409.push_ephemeral</c>: the unstable form of <see cref="ReceiveEphemeral"/>.</summary>
    public bool Msc2409PushEphemeral { get; init; }

    /// <summary><c>protocols</c> (third-party protocols; informational).</summary>
    public IReadOnlyList<string> Protocols { get; init; } = [];

    /// <summary>The bot's full user id on <paramref name="serverName"/>.</summary>
    public string SenderUserId(string serverName) => $"@{SenderLocalpart}:{serverName}";

    /// <summary>True when the user is the bot or in one of the user namespaces (exclusive or not).</summary>
    public bool IsInterestedInUser(string userId, string serverName) =>
        userId == SenderUserId(serverName) || Users.Any(n => n.Matches(userId));

    /// <summary>True when the alias is in one of the alias namespaces.</summary>
    public bool IsInterestedInAlias(string alias) => Aliases.Any(n => n.Matches(alias));

    /// <summary>True when the room id is in one of the room namespaces.</summary>
    public bool IsInterestedInRoom(string roomId) => Rooms.Any(n => n.Matches(roomId));
}
