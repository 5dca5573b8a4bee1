using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bridges.Core.Bridge;
using Bridges.Core.Database;
using Bridges.Core.Logins;
using Bridges.Core.Network;
using Bridges.Matrix.Events;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Portals;

/// <summary>
/// Puts portal rooms into spaces: a chat with a parent (a Discord channel under its category or guild) into the
/// parent portal's space, created on demand; a login's top-level chats into the login's own space. Children carry
/// the network's order, so a client lists them as the network does.
/// </summary>
internal static class PortalSpaces
{
    // Guild → category → channel → thread is the deepest the networks go; a cycle in a plugin's parents stops here.
    private const int MaxDepth = 4;

    public static JsonElement SpaceCreationContent() =>
        JsonSerializer.SerializeToElement(new JsonObject { ["type"] = "m.space" }, MatrixJsonContext.Default.JsonObject);

    /// <summary>Links a portal room that was just created (or whose parent changed) into its space.</summary>
    public static async Task LinkAsync(NetworkBridge bridge, PortalRecord child, ChatInfo? info, INetworkClient? client, UserLogin? owner, int depth,
        CancellationToken ct)
    {
        if (child.RoomId is not { } room)
        {
            return;
        }

        var order = SafeOrder(info?.Order);
        if (child.Parent is { } parent && parent != child.Key && depth < MaxDepth
            && await bridge.EnsureSpaceRoomAsync(parent, client, owner, depth + 1, ct).ConfigureAwait(false) is { } space)
        {
            await AddChildAsync(bridge, space, room, order, ct).ConfigureAwait(false);
            var parentContent = new JsonObject { ["via"] = Via(bridge), ["canonical"] = true };
            await bridge.Intents.Bot.SendStateAsync(room, EventTypes.SpaceParent, space.Value, parentContent, MatrixJsonContext.Default.JsonObject, ct).ConfigureAwait(false);
            return;
        }

        if (owner is not null)
        {
            await PersonalSpaces.AddPortalAsync(bridge, owner, room, order, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Takes a room out of a space it left. The schema requires <c>via</c>, and a link whose <c>via</c> is empty is not
    /// a link (Synapse skips it too), so the link is replaced by one with an empty list rather than by empty content.
    /// </summary>
    public static async Task UnlinkAsync(NetworkBridge bridge, RoomId space, RoomId room, CancellationToken ct)
    {
        await bridge.Intents.Bot.SendStateAsync(space, EventTypes.SpaceChild, room.Value, new JsonObject { ["via"] = new JsonArray() },
            MatrixJsonContext.Default.JsonObject, ct).ConfigureAwait(false);
        await bridge.Intents.Bot.SendStateAsync(room, EventTypes.SpaceParent, space.Value, new JsonObject { ["via"] = new JsonArray() },
            MatrixJsonContext.Default.JsonObject, ct).ConfigureAwait(false);
    }

    public static Task AddChildAsync(NetworkBridge bridge, RoomId space, RoomId room, string? order, CancellationToken ct)
    {
        var content = new JsonObject { ["via"] = Via(bridge) };
        if (order is not null)
        {
            content["order"] = order;
        }

        return bridge.Intents.Bot.SendStateAsync(space, EventTypes.SpaceChild, room.Value, content, MatrixJsonContext.Default.JsonObject, ct);
    }

    /// <summary>The spec's limits on <c>order</c>: at most 50 characters between U+0020 and U+007E.</summary>
    public static string? SafeOrder(string? order)
    {
        if (order is null)
        {
            return null;
        }

        var safe = new StringBuilder();
        foreach (var c in order.Where(c => c is >= ' ' and <= '~').Take(50))
        {
            safe.Append(c);
        }

        return safe.Length == 0 ? null : safe.ToString();
    }

    private static JsonArray Via(NetworkBridge bridge) => [bridge.Intents.ServerName];
}
