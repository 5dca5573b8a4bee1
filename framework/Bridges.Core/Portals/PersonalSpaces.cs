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

    public static async Task AddPortalAsync(BridgeContext env, UserLogin login, RoomId portalRoom, string? order, CancellationToken ct)
    {
        if (!env.Options.PersonalSpaces || login.UserId == env.Intents.BotUserId)
        {
            return;
        }

        var space = await EnsureSpaceAsync(env, login, ct).ConfigureAwait(false);
        await PortalSpaces.AddChildAsync(env.Intents, space, portalRoom, order, ct).ConfigureAwait(false);
    }

    private static async Task<RoomId> EnsureSpaceAsync(BridgeContext env, UserLogin login, CancellationToken ct)
    {
        var key = KeyPrefix + login.Id.Value;
        if (await env.Stores.KeyValues.GetAsync(key, ct).ConfigureAwait(false) is { } stored && RoomId.TryParse(stored, out var existing))
        {
            return existing;
        }

        var creation = PortalSpaces.SpaceCreationContent();
        var space = await env.Intents.Bot.CreateRoomAsync(new CreateRoomRequest
        {
            Preset = "private_chat",
            Name = $"{env.NetworkName} ({login.RemoteName})",
            Topic = $"Your {env.NetworkName} chats, bridged.",
            Invite = [login.UserId],
            CreationContent = creation,
        }, ct).ConfigureAwait(false);
        await env.Stores.KeyValues.SetAsync(key, space.Value, ct).ConfigureAwait(false);
        return space;
    }
}
