using Bridges.Core.Content;

namespace Bridges.Core.Network;

/// <summary>
/// Who a relayed message is really from. On networks that template (the default), the content already carries the
/// template. On networks with <see cref="NetworkCapabilities.NativeRelayProfiles"/> (Discord webhooks, IRC
/// <c>draft/relaymsg</c>) the content is bare: the plugin shows <see cref="DisplayName"/> and the avatar per message,
/// and sends <see cref="Fallback"/> instead where the native way is missing or refused at that moment.
/// </summary>
/// <param name="DisplayName">The sender's room display name, single-line and without control characters.</param>
/// <param name="UserId">The sender's Matrix user id.</param>
public sealed record RelayInfo(string DisplayName, string UserId)
{
    /// <summary>The sender's room avatar (mxc), if any.</summary>
    public string? AvatarMxc { get; init; }

    /// <summary>The avatar as a link the network can fetch (the bridge's public media URL when configured), if any.</summary>
    public string? AvatarUrl { get; init; }

    /// <summary>For a bare message on a native-profile network: the same part with the relay template applied.</summary>
    public BridgedContent? Fallback { get; init; }
}
