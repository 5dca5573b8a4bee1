using Bridges.Core.Network.Ids;

namespace Bridges.Core.Network;

/// <summary>Optional: the client can find a chat by a user-typed identifier (a channel name, a nick, a phone number).</summary>
public interface IIdentifierResolver
{
    /// <summary>The portal for <paramref name="identifier"/>, or null when nothing matches.</summary>
    Task<PortalKey?> ResolveIdentifierAsync(string identifier, CancellationToken ct);
}
