using System.Text.Json.Nodes;

namespace Bridges.Testing.Homeserver.Model;

/// <summary>A registered local user.</summary>
internal sealed class UserAccount(string userId)
{
    public string UserId { get; } = userId;

    public string Localpart => UserId[1..UserId.IndexOf(':', StringComparison.Ordinal)];

    public string? Password { get; set; }

    /// <summary>The appservice that registered the user, if any.</summary>
    public string? AppServiceId { get; set; }

    /// <summary>Global profile fields (<c>displayname</c>, <c>avatar_url</c> and custom keys).</summary>
    public JsonObject Profile { get; } = [];

    public string Presence { get; set; } = "offline";

    public string? StatusMessage { get; set; }

    public long PresencePosition { get; set; }

    public long LastActiveMs { get; set; }

    /// <summary>Global account data by type, with the stream position of its last change.</summary>
    public Dictionary<string, (JsonObject Content, long Position)> AccountData { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, JsonObject> Filters { get; } = new(StringComparer.Ordinal);
}
