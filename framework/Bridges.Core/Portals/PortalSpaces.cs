using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bridges.Matrix.Client;
using Bridges.Matrix.Events;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Portals;

/// <summary>The state events that make space links (<c>m.space.child</c> and <c>m.space.parent</c>), within the spec's limits.</summary>
internal static class PortalSpaces
{
    public static JsonElement SpaceCreationContent() =>
        JsonSerializer.SerializeToElement(new JsonObject { ["type"] = "m.space" }, MatrixJsonContext.Default.JsonObject);

    /// <summary>
    /// Takes a room out of a space it left. The schema requires <c>via</c>, and a link whose <c>via</c> is empty is not
    /// a link (Synapse skips it too), so the link is replaced by one with an empty list rather than by empty content.
    /// </summary>
    public static async Task UnlinkAsync(AppServiceIntents intents, RoomId space, RoomId room, CancellationToken ct)
    {
        await intents.Bot.SendStateAsync(space, EventTypes.SpaceChild, room.Value, new JsonObject { ["via"] = new JsonArray() },
            MatrixJsonContext.Default.JsonObject, ct).ConfigureAwait(false);
        await intents.Bot.SendStateAsync(room, EventTypes.SpaceParent, space.Value, new JsonObject { ["via"] = new JsonArray() },
            MatrixJsonContext.Default.JsonObject, ct).ConfigureAwait(false);
    }

    public static Task AddChildAsync(AppServiceIntents intents, RoomId space, RoomId room, string? order, CancellationToken ct)
    {
        var content = new JsonObject { ["via"] = Via(intents) };
        if (order is not null)
        {
            content["order"] = order;
        }

        return intents.Bot.SendStateAsync(space, EventTypes.SpaceChild, room.Value, content, MatrixJsonContext.Default.JsonObject, ct);
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

    public static JsonArray Via(AppServiceIntents intents) => [intents.ServerName];
}
