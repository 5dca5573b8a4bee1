using Bridges.Core.Backfill;
using Bridges.Core.Logins;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;
using Bridges.Core.Portals;
using Bridges.Matrix.AppService;
using Bridges.Matrix.Ids;
using Microsoft.Extensions.Logging;

namespace Bridges.Core.Bridge;

/// <summary>
/// The homeserver's user and alias queries: a ghost is made for a user id in the bridge's namespace, and a portal
/// room for an alias of a chat the plugin knows and allows (dynamic alias rooms).
/// </summary>
internal sealed class AppServiceQueries(BridgeContext env, PortalRegistry portals, LoginRegistry logins, PortalRoomService rooms, BackfillRunner backfill)
    : IAppServiceQueryHandler
{
    private readonly ILogger _logger = env.LoggerFactory.CreateLogger<NetworkBridge>();

    /// <summary>The alias localpart of a portal's dynamic room.</summary>
    public string AliasLocalpartFor(PortalId id) =>
        env.Options.AliasTemplate.Replace("{network}", env.Network, StringComparison.Ordinal).Replace("{id}", UserId.EscapeLocalpart(id.Value), StringComparison.Ordinal);

    /// <inheritdoc />
    public async Task<bool> QueryUserAsync(UserId userId, CancellationToken ct)
    {
        if (env.Ghosts.RemoteIdFor(userId) is not { } remote)
        {
            return false;
        }

        await env.Ghosts.EnsureGhostAsync(remote, logins.Connected.Select(c => c.Client).FirstOrDefault(), ct).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public async Task<bool> QueryAliasAsync(RoomAlias alias, CancellationToken ct)
    {
        if (!env.Options.DynamicAliasRooms || alias.Value[(alias.Value.IndexOf(':', StringComparison.Ordinal) + 1)..] != env.Intents.ServerName)
        {
            return false;
        }

        var localpart = alias.Value[1..alias.Value.IndexOf(':', StringComparison.Ordinal)];
        var template = env.Options.AliasTemplate.Replace("{network}", env.Network, StringComparison.Ordinal);
        var at = template.IndexOf("{id}", StringComparison.Ordinal);
        if (at < 0)
        {
            return false;
        }

        var (prefix, suffix) = (template[..at], template[(at + 4)..]);
        if (!localpart.StartsWith(prefix, StringComparison.Ordinal) || !localpart.EndsWith(suffix, StringComparison.Ordinal) || localpart.Length <= prefix.Length + suffix.Length)
        {
            return false;
        }

        var key = new PortalKey(new PortalId(UserId.UnescapeLocalpart(localpart[prefix.Length..^suffix.Length]) ?? localpart));
        if (await env.Stores.Portals.GetAsync(key, ct).ConfigureAwait(false) is not { RoomId: not null }
            && env.Connector is IPortalCreationCheck check && !await check.MayCreatePortalAsync(key, ct).ConfigureAwait(false))
        {
            // Nothing is created (no row, no room, no remote join) for a chat the plugin does not know or allow.
            Log.AliasRefused(_logger, alias.Value, key.ToString());
            return false;
        }

        var portal = await portals.GetAsync(key, create: true, ct).ConfigureAwait(false);
        return await portal!.EnqueueAsync(async token =>
        {
            if (portal.RoomId is not null)
            {
                return false;
            }

            var client = logins.AnyClientFor(portal.Record);
            var info = client is null ? null : await client.GetChatInfoAsync(key, token).ConfigureAwait(false);
            await rooms.CreateAsync(portal, info, client, null, localpart, 0, token).ConfigureAwait(false);
            // Queued behind this work, so the homeserver's alias query is answered without waiting for the history.
            _ = await portal.QueueAsync(t => backfill.InitialAsync(portal, client, null, t), token).ConfigureAwait(false);
            return true;
        }, ct).ConfigureAwait(false);
    }
}
