using System.Collections.Concurrent;
using Bridges.Core.Backfill;
using Bridges.Core.Bridge;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;
using Bridges.Core.Permissions;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Logins;

/// <summary>
/// Logins coming and going: connecting a stored or finished login (then catching its portals up), implicit logins
/// made on first use, logging out.
/// </summary>
internal sealed class LoginService(BridgeContext env, LoginRegistry registry, BackfillRunner backfill)
{
    // One start per implicit login at a time: a user active in several portals at once must get one connection, not one per portal queue.
    private readonly ConcurrentDictionary<UserLoginId, Lazy<Task>> _implicitStarts = new();

    /// <summary>Loads the login's client, registers it, connects it and schedules the catch-up of its portals.</summary>
    public async Task ConnectAsync(UserLogin login, CancellationToken ct)
    {
        var client = await env.Connector.LoadLoginAsync(login, ct).ConfigureAwait(false);
        registry.Add(login, client);
        await client.ConnectAsync(ct).ConfigureAwait(false);
        await backfill.ScheduleCatchUpAsync(login, client, ct).ConfigureAwait(false);
    }

    public async Task DisconnectAsync(UserLoginId id, CancellationToken ct)
    {
        if (registry.TryRemove(id, out var entry))
        {
            await entry.Client.DisconnectAsync(ct).ConfigureAwait(false);
            await entry.Client.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Stores a finished login and connects it (replacing an older connection of the same id).</summary>
    public async Task CompleteAsync(UserLogin login, CancellationToken ct)
    {
        await env.Stores.Logins.UpsertAsync(login, ct).ConfigureAwait(false);
        await DisconnectAsync(login.Id, ct).ConfigureAwait(false);
        await backfill.NoteCatchUpAnchorsAsync(login.Id, ct).ConfigureAwait(false);
        await ConnectAsync(login, ct).ConfigureAwait(false);
    }

    /// <summary>Disconnects and forgets a login.</summary>
    public async Task LogoutAsync(UserLogin login, CancellationToken ct)
    {
        await DisconnectAsync(login.Id, ct).ConfigureAwait(false);
        await env.Stores.Logins.DeleteAsync(login.Id, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// For networks with implicit logins: makes, stores and connects one for <paramref name="user"/> in
    /// <paramref name="portal"/>. Null when the network has none, the user may not have one, or the plugin declined.
    /// </summary>
    public async Task<(UserLogin Login, INetworkClient Client)?> EnsureImplicitAsync(UserId user, PortalKey portal, CancellationToken ct)
    {
        if (env.Connector is not IImplicitLogins implicitLogins || env.PermissionOf(user) < PermissionLevel.User)
        {
            return null;
        }

        var login = await implicitLogins.CreateImplicitLoginAsync(new BridgeUser(user, env.PermissionOf(user)), portal, ct).ConfigureAwait(false);
        if (login is null)
        {
            return null;
        }

        if (registry.ClientFor(login.Id) is not { } client)
        {
            var start = _implicitStarts.GetOrAdd(login.Id, _ => new Lazy<Task>(() => CompleteAsync(login with { UserId = user }, CancellationToken.None)));
            try
            {
                await start.Value.WaitAsync(ct).ConfigureAwait(false);
            }
            finally
            {
                _implicitStarts.TryRemove(KeyValuePair.Create(login.Id, start));
            }

            client = registry.ClientFor(login.Id);
        }

        return client is null ? null : (registry.LoginFor(login.Id)!, client);
    }
}
