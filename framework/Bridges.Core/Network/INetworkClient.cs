using Bridges.Core.Network.Ids;

namespace Bridges.Core.Network;

/// <summary>One connection to the remote network for one login (or the relay bot).</summary>
public interface INetworkClient : IAsyncDisposable
{
    /// <summary>Connects; remote events are pushed to <see cref="INetworkHost.Events"/> from then on.</summary>
    Task ConnectAsync(CancellationToken ct);

    /// <summary>Disconnects cleanly (e.g. QUIT on IRC).</summary>
    Task DisconnectAsync(CancellationToken ct);

    /// <summary>True when <paramref name="user"/> is this login's own remote account (echo suppression).</summary>
    bool IsThisUser(RemoteUserId user);

    /// <summary>Current name, topic, avatar and members of a chat.</summary>
    Task<ChatInfo> GetChatInfoAsync(PortalKey portal, CancellationToken ct);

    /// <summary>A remote user's profile.</summary>
    Task<UserInfo> GetUserInfoAsync(RemoteUserId user, CancellationToken ct);

    /// <summary>Sends a message; throw <see cref="RemoteTransientException"/> to have the core retry.</summary>
    Task<SendResult> SendMessageAsync(OutgoingMessage message, CancellationToken ct);
}
