using Bridges.Core.Content;

namespace Bridges.Core.Network;

/// <summary>The per-message name and avatar of a remote message (see <see cref="EventSender.Profile"/>).</summary>
/// <param name="Id">Stable id of the profile on the network (e.g. the webhook username), so its messages group.</param>
/// <param name="DisplayName">The name shown.</param>
/// <param name="Avatar">The avatar, if any.</param>
/// <param name="AvatarId">A stable id of the avatar, so it is uploaded once.</param>
public sealed record MessageProfile(string Id, string DisplayName, MediaSource? Avatar = null, string? AvatarId = null);
