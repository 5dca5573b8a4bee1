using Bridges.Core.Bridge;
using Bridges.Core.Logins;
using Bridges.Matrix.Client;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Portals;

/// <summary>
/// One Matrix space per login that holds the login's portals, so a user's chats from a network sit together in
/// their client. Created on first use; its room id is kept in the network's key-value store.
/// </summary>
internal static class PersonalSpaces
{
    private const string KeyPrefix = "space:";

    public static async Task AddPortalAsync(NetworkBridge bridge, UserLogin login, RoomId portalRoom, string? order, CancellationToken ct)
    {
        if (!bridge.Options.PersonalSpaces || login.UserId == bridge.Intents.BotUserId)
        {
            return;
        }

        var space = await EnsureSpaceAsync(bridge, login, ct).ConfigureAwait(false);
        await PortalSpaces.AddChildAsync(bridge, space, portalRoom, order, ct).ConfigureAwait(false);
    }

    private static async Task<RoomId> EnsureSpaceAsync(NetworkBridge bridge, UserLogin login, CancellationToken ct)
    {
        var key = KeyPrefix + login.Id.Value;
        if (await bridge.Stores.KeyValues.GetAsync(key, ct).ConfigureAwait(false) is { } stored && RoomId.TryParse(stored, out var existing))
        {
            return existing;
        }

        var creation = PortalSpaces.SpaceCreationContent();
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
