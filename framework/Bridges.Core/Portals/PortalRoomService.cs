using System.Text.Json;
using System.Text.Json.Nodes;
using Bridges.Core.Bridge;
using Bridges.Core.Content;
using Bridges.Core.Database;
using Bridges.Core.Logins;
using Bridges.Core.Network;
using Bridges.Matrix.Client;
using Bridges.Matrix.Events;
using Bridges.Matrix.Ids;
using Microsoft.Extensions.Logging;

namespace Bridges.Core.Portals;

/// <summary>
/// The one place portal rooms are made and kept in step with their chats: creation (name, topic, avatar, MSC2346
/// bridge info, power levels, join rule, members, parent space), later changes of the chat's info, and bridging an
/// existing room to a chat or undoing it. Everything here runs on the portal's queue.
/// </summary>
internal sealed partial class PortalRoomService(BridgeContext env, PortalRegistry portals, LoginRegistry logins)
{
    private readonly ILogger _logger = env.LoggerFactory.CreateLogger<PortalRoomService>();

    public PowerLevelSync PowerLevels { get; } = new(env.Intents);

    /// <summary>The state key of the MSC2346 events: unique per network and chat.</summary>
    public string BridgeStateKey(PortalRecord portal) => $"net.bridges://{env.Network}/{Uri.EscapeDataString(portal.Key.ToString())}";

    public BridgeInfoContent BridgeInfo(PortalRecord portal) => new()
    {
        BridgeBot = env.Intents.BotUserId.Value,
        Protocol = new BridgeInfoSection { Id = env.Network, DisplayName = env.NetworkName, AvatarUrl = env.Connector.Descriptor.IconUrl },
        Channel = new BridgeInfoSection { Id = portal.Key.Id.Value, DisplayName = portal.Name },
    };

    /// <summary>
    /// Creates the portal's room (on its queue, while it has none) and stores it: <paramref name="owner"/>, unless the
    /// bot, is invited and gets the room in their space; <paramref name="aliasLocalpart"/> is set for alias-created
    /// rooms; the chat's members join unless the room is a space. <paramref name="depth"/> counts the spaces above.
    /// </summary>
    public async Task<PortalRecord> CreateAsync(Portal portal, ChatInfo? info, INetworkClient? client, UserLogin? owner, string? aliasLocalpart, int depth,
        CancellationToken ct)
    {
        var invite = owner is { } o && o.UserId != env.Intents.BotUserId ? new List<UserId> { o.UserId } : [];
        var created = await CreateRoomAsync(portal.Record, info, aliasLocalpart, invite, ct).ConfigureAwait(false);
        await env.Stores.Portals.UpsertAsync(created, ct).ConfigureAwait(false);
        portal.Record = created;
        portals.Index(portal);
        Log.PortalCreated(_logger, created.RoomId!.Value.Value, portal.Key.ToString());
        await LinkAsync(created, info, client, owner, depth, ct).ConfigureAwait(false);
        if (info?.IsSpace != true)
        {
            await JoinMembersAsync(created.RoomId!.Value, info?.Members, client, includeDefault: false, ct).ConfigureAwait(false);
        }

        return created;
    }

    /// <summary>Applies a chat's changed info to its room: name, topic, avatar, parent space, members and their rank.</summary>
    public async Task SyncAsync(Portal portal, ChatInfo info, CancellationToken ct)
    {
        var room = portal.RoomId!.Value;
        var bot = env.Intents.Bot;
        var record = portal.Record;
        if (info.Name is { } name && name != record.Name && !record.IsDirect)
        {
            await bot.SendStateAsync(room, EventTypes.Name, string.Empty, new NameContent(name), MatrixJsonContext.Default.NameContent, ct).ConfigureAwait(false);
            record = record with { Name = name };
        }

        if (info.Topic is { } topic && topic != record.Topic)
        {
            await bot.SendStateAsync(room, EventTypes.Topic, string.Empty, new TopicContent(topic), MatrixJsonContext.Default.TopicContent, ct).ConfigureAwait(false);
            record = record with { Topic = topic };
        }

        if (info.Avatar is { } avatar && info.AvatarId != record.AvatarId)
        {
            var uri = await MediaUpload.UploadAsync(bot, avatar, env.Options.MaxMediaBytes, ct).ConfigureAwait(false);
            await bot.SendStateAsync(room, EventTypes.Avatar, string.Empty, new AvatarContent(uri), MatrixJsonContext.Default.AvatarContent, ct).ConfigureAwait(false);
            record = record with { AvatarId = info.AvatarId, AvatarUrl = uri };
        }

        var moved = info.Parent is { } parent && parent != record.Parent && parent != record.Key;
        var oldParent = record.Parent;
        if (moved)
        {
            record = record with { Parent = info.Parent };
        }

        if (!ReferenceEquals(record, portal.Record))
        {
            await env.Stores.Portals.UpsertAsync(record, ct).ConfigureAwait(false);
            portal.Record = record;
        }

        if (moved)
        {
            // Moved to another category: out of the old space, into the new one.
            if (oldParent is { } old && (await env.Stores.Portals.GetAsync(old, ct).ConfigureAwait(false))?.RoomId is { } oldSpace)
            {
                await PortalSpaces.UnlinkAsync(env.Intents, oldSpace, room, ct).ConfigureAwait(false);
            }

            var owner = portal.Key.Receiver is { } receiver ? logins.LoginFor(receiver) : null;
            await LinkAsync(record, info, logins.AnyClientFor(record), owner, 0, ct).ConfigureAwait(false);
        }

        // A change names every member's rank, so ranks back to the default are applied too.
        await JoinMembersAsync(room, info.Members, logins.AnyClientFor(record), includeDefault: true, ct).ConfigureAwait(false);
    }

    /// <summary>Joins the ghosts of the chat's listed members to the room and gives them their remote rank.</summary>
    private async Task JoinMembersAsync(RoomId room, IReadOnlyList<ChatMember>? members, INetworkClient? client, bool includeDefault, CancellationToken ct)
    {
        if (members is null)
        {
            return;
        }

        foreach (var member in members.Where(m => !m.IsFromMe))
        {
            var ghost = await env.Ghosts.EnsureGhostAsync(member.User, client, ct).ConfigureAwait(false);
            await ghost.EnsureJoinedAsync(room, ct).ConfigureAwait(false);
        }

        await PowerLevels.ApplyAsync(room,
            members.Where(m => !m.IsFromMe && (includeDefault || m.PowerLevel != 0)).ToDictionary(m => env.GhostUserId(m.User), m => (long)m.PowerLevel), ct).ConfigureAwait(false);
    }

    private async Task<PortalRecord> CreateRoomAsync(PortalRecord portal, ChatInfo? info, string? aliasLocalpart, IReadOnlyList<UserId> invite, CancellationToken ct)
    {
        var bot = env.Intents.Bot;
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
            avatar = await MediaUpload.UploadAsync(bot, source, env.Options.MaxMediaBytes, ct).ConfigureAwait(false);
            updated = updated with { AvatarUrl = avatar, AvatarId = info.AvatarId };
        }

        var bridgeInfo = JsonSerializer.SerializeToElement(BridgeInfo(updated), MatrixJsonContext.Default.BridgeInfoContent);
        var stateKey = BridgeStateKey(updated);
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
            Visibility = shared && env.Options.PublishPortalsInDirectory && aliasLocalpart is not null ? "public" : "private",
            RoomAliasName = aliasLocalpart,
            Name = updated.IsDirect ? null : updated.Name,
            Topic = updated.Topic,
            Invite = invite.Count > 0 ? invite : null,
            IsDirect = updated.IsDirect ? true : null,
            InitialState = initialState,
            RoomVersion = string.IsNullOrEmpty(env.Options.RoomVersion) ? null : env.Options.RoomVersion,
            PowerLevelContentOverride = JsonSerializer.SerializeToElement(powerLevels, MatrixJsonContext.Default.JsonObject),
            CreationContent = info?.IsSpace == true ? PortalSpaces.SpaceCreationContent() : null,
        }, ct).ConfigureAwait(false);
        return updated with { RoomId = roomId };
    }
}
