using System.Text.Json.Nodes;
using Bridges.Core.Database;
using Bridges.Core.Logins;
using Bridges.Core.Network;
using Bridges.Core.Network.Ids;
using Bridges.Matrix.Events;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Portals;

/// <summary>
/// Portal rooms in spaces: a chat with a parent (a Discord channel under its category or guild) goes into the parent
/// portal's space, created on demand; a login's top-level chats into the login's own space. Children carry the
/// network's order, so a client lists them as the network does.
/// </summary>
internal sealed partial class PortalRoomService
{
    // Guild → category → channel → thread is the deepest the networks go; a cycle in a plugin's parents stops here.
    private const int MaxDepth = 4;

    /// <summary>
    /// The room of a portal that holds others (a guild, a category), created as a space on that portal's own queue
    /// the first time a child needs it, and itself linked into its own parent or the owner's space.
    /// </summary>
    public async Task<RoomId?> EnsureSpaceRoomAsync(PortalKey key, INetworkClient? client, UserLogin? owner, int depth, CancellationToken ct)
    {
        var portal = await portals.GetAsync(key, create: true, ct).ConfigureAwait(false);
        return await portal!.EnqueueAsync<RoomId?>(async token =>
        {
            if (portal.RoomId is { } existing)
            {
                return existing;
            }

            var asker = client ?? logins.AnyClientFor(portal.Record);
            var info = (asker is null ? null : await asker.GetChatInfoAsync(key, token).ConfigureAwait(false)) ?? new ChatInfo();
            // A parent holds rooms, so its room is a space whatever the plugin said; a space needs no members.
            info = info with { IsSpace = true, Members = null };
            return (await CreateAsync(portal, info, asker, owner, null, depth, token).ConfigureAwait(false)).RoomId;
        }, ct).ConfigureAwait(false);
    }

    /// <summary>Links a portal room that was just created (or whose parent changed) into its space.</summary>
    private async Task LinkAsync(PortalRecord child, ChatInfo? info, INetworkClient? client, UserLogin? owner, int depth, CancellationToken ct)
    {
        if (child.RoomId is not { } room)
        {
            return;
        }

        var order = PortalSpaces.SafeOrder(info?.Order);
        if (child.Parent is { } parent && parent != child.Key && depth < MaxDepth
            && await EnsureSpaceRoomAsync(parent, client, owner, depth + 1, ct).ConfigureAwait(false) is { } space)
        {
            await PortalSpaces.AddChildAsync(env.Intents, space, room, order, ct).ConfigureAwait(false);
            var parentContent = new JsonObject { ["via"] = PortalSpaces.Via(env.Intents), ["canonical"] = true };
            await env.Intents.Bot.SendStateAsync(room, EventTypes.SpaceParent, space.Value, parentContent, MatrixJsonContext.Default.JsonObject, ct).ConfigureAwait(false);
            return;
        }

        if (owner is not null)
        {
            await PersonalSpaces.AddPortalAsync(env, owner, room, order, ct).ConfigureAwait(false);
        }
    }
}
