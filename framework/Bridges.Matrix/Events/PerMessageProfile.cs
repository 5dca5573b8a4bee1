using System.Text.Json.Serialization;
using Bridges.Matrix.Ids;

namespace Bridges.Matrix.Events;

/// <summary>
/// MSC4144 per-message profile (unstable <c>com.beeper.per_message_profile</c>): a message shown under a name and
/// avatar of its own although one user sent it (a webhook, another bridge's relay). Clients without MSC4144 read the
/// fallback the sender put in front of the body.
/// </summary>
public sealed record PerMessageProfile
{
    /// <summary>Stable id of the profile within the sender, so clients group its messages.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("displayname")]
    public string? DisplayName { get; init; }

    [JsonPropertyName("avatar_url")]
    public MxcUri? AvatarUrl { get; init; }

    /// <summary>Whether the body starts with a "Name: " fallback (marked <c>data-mx-profile-fallback</c> in HTML).</summary>
    [JsonPropertyName("has_fallback")]
    public bool HasFallback { get; init; }
}
