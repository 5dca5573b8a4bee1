using Bridges.Matrix.Ids;

namespace Bridges.Core.Network;

/// <summary>
/// Offered by the core's <see cref="INetworkHost"/> (detect it with <c>is</c>): tells a Matrix user something about
/// their login that happened outside any command, such as a remote login refused on reconnect. The notice goes to the
/// user's management room (the last room where they ran a command without a prefix); a user who never had one gets a
/// new direct chat with the bridge bot.
/// </summary>
public interface IUserNotices
{
    /// <summary>Sends <paramref name="text"/> (plain text) to <paramref name="user"/> as an <c>m.notice</c>.</summary>
    Task NotifyAsync(UserId user, string text, CancellationToken ct);
}
