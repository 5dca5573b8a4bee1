using System.Collections.Concurrent;
using Bridges.Core.Database;
using Bridges.Core.Logins;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;
using Bridges.Core.Permissions;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Bridge;

public sealed partial class NetworkBridge
{
    // One start per implicit login at a time: a user active in several portals at once must get one connection, not one per portal queue.
    private readonly ConcurrentDictionary<UserLoginId, Lazy<Task>> _implicitStarts = new();

    /// <summary>Stores a finished login and connects it (replacing an older connection of the same id).</summary>
    internal async Task CompleteLoginAsync(UserLogin login, CancellationToken ct)
    {
        await Stores.Logins.UpsertAsync(login, ct).ConfigureAwait(false);
        await DisconnectLoginAsync(login.Id, ct).ConfigureAwait(false);
        await Backfill.NoteCatchUpAnchorsAsync(login.Id, ct).ConfigureAwait(false);
        await ConnectLoginAsync(login, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// For networks with implicit logins: makes, stores and connects one for <paramref name="user"/> in
    /// <paramref name="portal"/>. Null when the network has none, the user may not have one, or the plugin declined.
    /// </summary>
    internal async Task<(UserLogin Login, INetworkClient Client)?> EnsureImplicitLoginAsync(UserId user, PortalKey portal, CancellationToken ct)
    {
        if (Connector is not IImplicitLogins implicitLogins || PermissionOf(user) < PermissionLevel.User)
        {
            return null;
        }

        var login = await implicitLogins.CreateImplicitLoginAsync(new BridgeUser(user, PermissionOf(user)), portal, ct).ConfigureAwait(false);
        if (login is null)
        {
            return null;
        }

        if (ClientFor(login.Id) is not { } client)
        {
            var start = _implicitStarts.GetOrAdd(login.Id, _ => new Lazy<Task>(() => CompleteLoginAsync(login with { UserId = user }, CancellationToken.None)));
            try
            {
                await start.Value.WaitAsync(ct).ConfigureAwait(false);
            }
            finally
            {
                _implicitStarts.TryRemove(KeyValuePair.Create(login.Id, start));
            }

            client = ClientFor(login.Id);
        }

        return client is null ? null : (LoginFor(login.Id)!, client);
    }

    /// <summary>Disconnects and forgets a login.</summary>
    internal async Task LogoutAsync(UserLogin login, CancellationToken ct)
    {
        await DisconnectLoginAsync(login.Id, ct).ConfigureAwait(false);
        await Stores.Logins.DeleteAsync(login.Id, ct).ConfigureAwait(false);
    }

    /// <summary>Stores a portal's new state and updates the live portal on its queue.</summary>
    internal async Task UpdatePortalAsync(PortalRecord record, CancellationToken ct)
    {
        var portal = await GetPortalAsync(record.Key, create: false, ct).ConfigureAwait(false);
        if (portal is null)
        {
            await Stores.Portals.UpsertAsync(record, ct).ConfigureAwait(false);
            return;
        }

        await portal.EnqueueAsync(async token =>
        {
            await Stores.Portals.UpsertAsync(record, token).ConfigureAwait(false);
            portal.Record = record;
            return true;
        }, ct).ConfigureAwait(false);
    }
}
