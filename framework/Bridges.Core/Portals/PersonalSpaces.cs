using System.Text.Json;
using Bridges.Core.Bridge;
using Bridges.Core.Logins;
using Bridges.Matrix.Client;
using Bridges.Matrix.Events;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Portals;

/// <summary>
/// One Matrix space per login that holds the login's portals, so a user's chats from a network sit together in
/// their client. Created on first use; its room id is kept in the network's key-value store.
/// </summary>
internal static class PersonalSpaces
{
    private const string KeyPrefix = "space:";

    public static async Task AddPortalAsync(NetworkBridge bridge, UserLogin login, RoomId portalRoom, CancellationToken ct)
    {
        if (!bridge.Options.PersonalSpaces || login.UserId == bridge.Intents.BotUserId)
        {
            return;
        }

        var bot = bridge.Intents.Bot;
        var space = await EnsureSpaceAsync(bridge, login, ct).ConfigureAwait(false);
        var via = JsonSerializer.SerializeToElement(new Dictionary<string, JsonElement>
        {
            ["via"] = JsonSerializer.SerializeToElement(new[] { bridge.Intents.ServerName }.Select(s => JsonSerializer.SerializeToElement(s, MatrixJsonContext.Default.String)).ToList(), MatrixJsonContext.Default.ListJsonElement),
        }, MatrixJsonContext.Default.DictionaryStringJsonElement);
        await bot.SendStateAsync(space, EventTypes.SpaceChild, portalRoom.Value, via, MatrixJsonContext.Default.JsonElement, ct).ConfigureAwait(false);
    }

    private static async Task<RoomId> EnsureSpaceAsync(NetworkBridge bridge, UserLogin login, CancellationToken ct)
    {
        var key = KeyPrefix + login.Id.Value;
        if (await bridge.Stores.KeyValues.GetAsync(key, ct).ConfigureAwait(false) is { } stored && RoomId.TryParse(stored, out var existing))
        {
            return existing;
        }

        var creation = JsonSerializer.SerializeToElement(new Dictionary<string, JsonElement> { ["type"] = JsonSerializer.SerializeToElement("m.space", MatrixJsonContext.Default.String) },
            MatrixJsonContext.Default.DictionaryStringJsonElement);
        var space = await bridge.Intents.Bot.CreateRoomAsync(new CreateRoomRequest
        {
            Preset = "private_chat",
            Name = $"{bridge.Connector.Descriptor.DisplayName} ({login.RemoteName})",
            Topic = $"Your {bridge.Connector.Descriptor.DisplayName} chats, bridged.",
            Invite = [login.UserId],
            CreationContent = creation,
        }, ct).ConfigureAwait(false);
        await bridge.Stores.KeyValues.SetAsync(key, space.Value, ct).ConfigureAwait(false);
        return space;
    }
}
