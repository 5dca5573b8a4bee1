using System.Text.Json;
using System.Text.Json.Nodes;
using Bridges.Core.Bridge;
using Bridges.Core.Content;
using Bridges.Core.Database;
using Bridges.Core.Network;
using Bridges.Matrix.Client;
using Bridges.Matrix.Events;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Portals;

/// <summary>Creates a portal's Matrix room with its name, topic, avatar, MSC2346 bridge info and power levels.</summary>
internal static class PortalRoomCreator
{
    /// <summary>The state key of the MSC2346 events: unique per network and chat.</summary>
    public static string BridgeStateKey(NetworkBridge bridge, PortalRecord portal) =>
        $"net.bridges://{bridge.Network}/{Uri.EscapeDataString(portal.Key.ToString())}";

    public static BridgeInfoContent BridgeInfo(NetworkBridge bridge, PortalRecord portal) => new()
    {
        BridgeBot = bridge.Intents.BotUserId.Value,
        Protocol = new BridgeInfoSection { Id = bridge.Network, DisplayName = bridge.Connector.Descriptor.DisplayName, AvatarUrl = bridge.Connector.Descriptor.IconUrl },
        Channel = new BridgeInfoSection { Id = portal.Key.Id.Value, DisplayName = portal.Name },
    };

    /// <summary>Creates the room (the caller stores the returned record); <paramref name="aliasLocalpart"/> is set for alias-created rooms.</summary>
    public static async Task<PortalRecord> CreateAsync(NetworkBridge bridge, PortalRecord portal, ChatInfo? info, string? aliasLocalpart,
        IReadOnlyList<UserId> invite, CancellationToken ct)
    {
        var bot = bridge.Intents.Bot;
        var updated = portal with
        {
            Name = info?.Name ?? portal.Name ?? portal.Key.Id.Value,
            Topic = info?.Topic ?? portal.Topic,
            IsDirect = info?.IsDirect ?? portal.IsDirect,
            Parent = info?.Parent is { } parent && parent != portal.Key ? parent : portal.Parent,
        };
        MxcUri? avatar = null;
        if (info?.Avatar is { } source)
        {
            avatar = await MediaUpload.UploadAsync(bot, source, bridge.Options.MaxMediaBytes, ct).ConfigureAwait(false);
            updated = updated with { AvatarUrl = avatar, AvatarId = info.AvatarId };
        }

        var bridgeInfo = JsonSerializer.SerializeToElement(BridgeInfo(bridge, updated), MatrixJsonContext.Default.BridgeInfoContent);
        var stateKey = BridgeStateKey(bridge, updated);
        var initialState = new List<InitialStateEvent>
        {
            new(EventTypes.Bridge, stateKey, bridgeInfo),
            new(EventTypes.HalfShotBridge, stateKey, bridgeInfo),
        };
        if (avatar is { } a)
        {
            initialState.Add(new InitialStateEvent(EventTypes.Avatar, string.Empty, JsonSerializer.SerializeToElement(new AvatarContent(a), MatrixJsonContext.Default.AvatarContent)));
        }

        // Shared portals are public so people can join via alias, unless the network says the chat is not: then
        // people knock and the bot lets in those allowed to use the bridge.
        var group = portal.Key.Receiver is null && !updated.IsDirect;
        var shared = group && info?.IsPublic != false;
        if (group && !shared)
        {
            initialState.Add(new InitialStateEvent(EventTypes.JoinRules, string.Empty,
                JsonSerializer.SerializeToElement(new JoinRulesContent("knock"), MatrixJsonContext.Default.JoinRulesContent)));
        }

        // The override has no "users": the homeserver's own default already ranks the bot (the creator) highest,
        // with 100 up to room version 11 and with infinite power from version 12, where listing a creator is refused.
        // The bot keeps state changes to itself.
        var powerLevels = new JsonObject
        {
            ["invite"] = shared ? 0 : 50,
            ["events"] = new JsonObject { [EventTypes.Bridge] = 100, [EventTypes.HalfShotBridge] = 100, [EventTypes.PowerLevels] = 100 },
        };
        var roomId = await bot.CreateRoomAsync(new CreateRoomRequest
        {
            Preset = shared ? "public_chat" : "private_chat",
            Visibility = shared && bridge.Options.PublishPortalsInDirectory && aliasLocalpart is not null ? "public" : "private",
            RoomAliasName = aliasLocalpart,
            Name = updated.IsDirect ? null : updated.Name,
            Topic = updated.Topic,
            Invite = invite.Count > 0 ? invite : null,
            IsDirect = updated.IsDirect ? true : null,
            InitialState = initialState,
            RoomVersion = string.IsNullOrEmpty(bridge.Options.RoomVersion) ? null : bridge.Options.RoomVersion,
            PowerLevelContentOverride = JsonSerializer.SerializeToElement(powerLevels, MatrixJsonContext.Default.JsonObject),
            CreationContent = info?.IsSpace == true ? PortalSpaces.SpaceCreationContent() : null,
        }, ct).ConfigureAwait(false);
        return updated with { RoomId = roomId };
    }

    /// <summary>Joins the ghosts of the chat's listed members to a new room and gives them their remote rank.</summary>
    public static async Task JoinMembersAsync(NetworkBridge bridge, RoomId room, ChatInfo? info, INetworkClient? client, CancellationToken ct)
    {
        if (info?.Members is not { } members)
        {
            return;
        }

        foreach (var member in members.Where(m => !m.IsFromMe))
        {
            var ghost = await bridge.Ghosts.EnsureGhostAsync(member.User, client, ct).ConfigureAwait(false);
            await ghost.EnsureJoinedAsync(room, ct).ConfigureAwait(false);
        }

        await PowerLevelSync.ApplyAsync(bridge, room,
            members.Where(m => !m.IsFromMe && m.PowerLevel != 0).ToDictionary(m => bridge.GhostUserId(m.User), m => (long)m.PowerLevel), ct).ConfigureAwait(false);
    }
}
