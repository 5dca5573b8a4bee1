using Bridges.Core.Logins;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;
using Bridges.Core.Portals;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Bridge;

public sealed partial class NetworkBridge
{
    /// <summary>
    /// The room of a portal that holds others (a guild, a category), created as a space on that portal's own queue
    /// the first time a child needs it, and itself linked into its own parent or the owner's space.
    /// </summary>
    internal async Task<RoomId?> EnsureSpaceRoomAsync(PortalKey key, INetworkClient? client, UserLogin? owner, int depth, CancellationToken ct)
    {
        var portal = await GetPortalAsync(key, create: true, ct).ConfigureAwait(false);
        return await portal!.EnqueueAsync<RoomId?>(async token =>
        {
            if (portal.RoomId is { } existing)
            {
                return existing;
            }

            var asker = client ?? AnyClientFor(portal.Record);
            var info = (asker is null ? null : await asker.GetChatInfoAsync(key, token).ConfigureAwait(false)) ?? new ChatInfo();
            // A parent holds rooms, so its room is a space whatever the plugin said; a space needs no members.
            info = info with { IsSpace = true, Members = null };
            var invite = owner is { } o && o.UserId != Intents.BotUserId ? new List<UserId> { o.UserId } : [];
            var created = await PortalRoomCreator.CreateAsync(this, portal.Record, info, null, invite, token).ConfigureAwait(false);
            await Stores.Portals.UpsertAsync(created, token).ConfigureAwait(false);
            portal.Record = created;
            IndexRoom(portal);
            Log.PortalCreated(_logger, created.RoomId!.Value.Value, key.ToString());
            await PortalSpaces.LinkAsync(this, created, info, asker, owner, depth, token).ConfigureAwait(false);
            return created.RoomId;
        }, ct).ConfigureAwait(false);
    }
}
