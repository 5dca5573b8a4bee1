using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Bridges.Matrix.Events;
using Bridges.Matrix.Ids;

namespace Bridges.Matrix.Client;

public sealed partial class MatrixClient
{
    /// <summary>Creates a room.</summary>
    public async Task<RoomId> CreateRoomAsync(CreateRoomRequest request, UserId? asUser, CancellationToken ct) =>
        RoomId.Parse((await SendAsync(HttpMethod.Post, V3 + "createRoom", asUser, request, ClientJsonContext.Default.CreateRoomRequest,
            ClientJsonContext.Default.RoomIdResponse, ct).ConfigureAwait(false)).RoomId);

    /// <summary>Joins a room by id or alias.</summary>
    public async Task<RoomId> JoinAsync(string roomIdOrAlias, UserId? asUser, CancellationToken ct) =>
        RoomId.Parse((await SendAsync(HttpMethod.Post, $"{V3}join/{Esc(roomIdOrAlias)}", asUser, new ReasonRequest(null),
            ClientJsonContext.Default.ReasonRequest, ClientJsonContext.Default.RoomIdResponse, ct).ConfigureAwait(false)).RoomId);

    /// <summary>Invites, kicks, bans or unbans <paramref name="target"/> (<paramref name="action"/> is the path verb).</summary>
    public Task MembershipAsync(RoomId room, string action, UserId target, string? reason, UserId? asUser, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, $"{V3}rooms/{Esc(room.Value)}/{action}", asUser, new MembershipRequest(target.Value, reason),
            ClientJsonContext.Default.MembershipRequest, ClientJsonContext.Default.JsonElement, ct);

    /// <summary>Leaves a room.</summary>
    public Task LeaveAsync(RoomId room, string? reason, UserId? asUser, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, $"{V3}rooms/{Esc(room.Value)}/leave", asUser, new ReasonRequest(reason),
            ClientJsonContext.Default.ReasonRequest, ClientJsonContext.Default.JsonElement, ct);

    /// <summary>Sends a room event; the same <paramref name="txnId"/> from the same user yields the same event.</summary>
    public Task<EventId> SendEventAsync<T>(RoomId room, string eventType, T content, JsonTypeInfo<T> type, string txnId, UserId? asUser, CancellationToken ct) =>
        SendEventAsync(room, eventType, content, type, txnId, asUser, null, ct);

    /// <summary>
    /// Sends a room event dated <paramref name="timestamp"/> when set: the appservice API's timestamp massaging
    /// (<c>?ts=</c>), which homeservers honour for appservice requests only, so bridged history keeps its times.
    /// </summary>
    public async Task<EventId> SendEventAsync<T>(RoomId room, string eventType, T content, JsonTypeInfo<T> type, string txnId, UserId? asUser,
        DateTimeOffset? timestamp, CancellationToken ct) =>
        EventId.Parse((await SendAsync(HttpMethod.Put, $"{V3}rooms/{Esc(room.Value)}/send/{Esc(eventType)}/{Esc(txnId)}{Ts(timestamp)}", asUser, content, type,
            ClientJsonContext.Default.EventIdResponse, ct).ConfigureAwait(false)).EventId);

    /// <summary>Sets a state event.</summary>
    public Task<EventId> SendStateAsync<T>(RoomId room, string eventType, string stateKey, T content, JsonTypeInfo<T> type, UserId? asUser, CancellationToken ct) =>
        SendStateAsync(room, eventType, stateKey, content, type, asUser, null, ct);

    /// <summary>Sets a state event dated <paramref name="timestamp"/> when set (appservice timestamp massaging, <c>?ts=</c>).</summary>
    public async Task<EventId> SendStateAsync<T>(RoomId room, string eventType, string stateKey, T content, JsonTypeInfo<T> type, UserId? asUser,
        DateTimeOffset? timestamp, CancellationToken ct) =>
        EventId.Parse((await SendAsync(HttpMethod.Put, $"{V3}rooms/{Esc(room.Value)}/state/{Esc(eventType)}/{Esc(stateKey)}{Ts(timestamp)}", asUser, content, type,
            ClientJsonContext.Default.EventIdResponse, ct).ConfigureAwait(false)).EventId);

    /// <summary>Reads one state event's content.</summary>
    public Task<JsonElement> GetStateEventAsync(RoomId room, string eventType, string stateKey, UserId? asUser, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, $"{V3}rooms/{Esc(room.Value)}/state/{Esc(eventType)}/{Esc(stateKey)}", asUser, ClientJsonContext.Default.JsonElement, ct);

    /// <summary>The full current state of a room.</summary>
    public Task<List<MatrixEvent>> GetStateAsync(RoomId room, UserId? asUser, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, $"{V3}rooms/{Esc(room.Value)}/state", asUser, ClientJsonContext.Default.ListMatrixEvent, ct);

    /// <summary>Joined members with their per-room profiles.</summary>
    public async Task<IReadOnlyDictionary<UserId, JoinedMember>> GetJoinedMembersAsync(RoomId room, UserId? asUser, CancellationToken ct)
    {
        var response = await SendAsync(HttpMethod.Get, $"{V3}rooms/{Esc(room.Value)}/joined_members", asUser, ClientJsonContext.Default.JoinedMembersResponse, ct).ConfigureAwait(false);
        return response.Joined.Where(kv => UserId.TryParse(kv.Key, out _)).ToDictionary(kv => UserId.Parse(kv.Key), kv => kv.Value);
    }

    /// <summary>Rooms the user is joined to.</summary>
    public async Task<IReadOnlyList<RoomId>> GetJoinedRoomsAsync(UserId? asUser, CancellationToken ct) =>
        (await SendAsync(HttpMethod.Get, V3 + "joined_rooms", asUser, ClientJsonContext.Default.JoinedRoomsResponse, ct).ConfigureAwait(false))
            .JoinedRooms.Select(RoomId.Parse).ToList();

    /// <summary>Redacts an event; idempotent by <paramref name="txnId"/>.</summary>
    public async Task<EventId> RedactAsync(RoomId room, EventId eventId, string? reason, string txnId, UserId? asUser, CancellationToken ct) =>
        EventId.Parse((await SendAsync(HttpMethod.Put, $"{V3}rooms/{Esc(room.Value)}/redact/{Esc(eventId.Value)}/{Esc(txnId)}", asUser, new ReasonRequest(reason),
            ClientJsonContext.Default.ReasonRequest, ClientJsonContext.Default.EventIdResponse, ct).ConfigureAwait(false)).EventId);

    /// <summary>Starts or stops the typing notification.</summary>
    public Task SetTypingAsync(RoomId room, UserId user, bool typing, TimeSpan? timeout, UserId? asUser, CancellationToken ct) =>
        SendAsync(HttpMethod.Put, $"{V3}rooms/{Esc(room.Value)}/typing/{Esc(user.Value)}", asUser,
            new TypingRequest(typing, typing ? (long)(timeout ?? TimeSpan.FromSeconds(30)).TotalMilliseconds : null),
            ClientJsonContext.Default.TypingRequest, ClientJsonContext.Default.JsonElement, ct);

    /// <summary>Sets a user's presence (<c>online</c>, <c>unavailable</c> or <c>offline</c>) with an optional status message.</summary>
    public Task SetPresenceAsync(UserId user, string presence, string? statusMessage, UserId? asUser, CancellationToken ct) =>
        SendAsync(HttpMethod.Put, $"{V3}presence/{Esc(user.Value)}/status", asUser, new PresenceRequest(presence, statusMessage),
            ClientJsonContext.Default.PresenceRequest, ClientJsonContext.Default.JsonElement, ct);

    /// <summary>Moves the fully-read marker and the public read receipt to <paramref name="eventId"/>.</summary>
    public Task SetReadMarkersAsync(RoomId room, EventId eventId, UserId? asUser, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, $"{V3}rooms/{Esc(room.Value)}/read_markers", asUser, new ReadMarkersRequest(eventId.Value, eventId.Value),
            ClientJsonContext.Default.ReadMarkersRequest, ClientJsonContext.Default.JsonElement, ct);

    /// <summary>Maps an alias to a room.</summary>
    public Task CreateAliasAsync(RoomAlias alias, RoomId room, UserId? asUser, CancellationToken ct) =>
        SendAsync(HttpMethod.Put, $"{V3}directory/room/{Esc(alias.Value)}", asUser, new CreateAliasRequest(room.Value),
            ClientJsonContext.Default.CreateAliasRequest, ClientJsonContext.Default.JsonElement, ct);

    /// <summary>Resolves an alias to its room.</summary>
    public async Task<RoomId> ResolveAliasAsync(RoomAlias alias, UserId? asUser, CancellationToken ct) =>
        RoomId.Parse((await SendAsync(HttpMethod.Get, $"{V3}directory/room/{Esc(alias.Value)}", asUser, ClientJsonContext.Default.ResolveAliasResponse, ct).ConfigureAwait(false)).RoomId);

    /// <summary>Removes an alias.</summary>
    public Task DeleteAliasAsync(RoomAlias alias, UserId? asUser, CancellationToken ct) =>
        SendAsync(HttpMethod.Delete, $"{V3}directory/room/{Esc(alias.Value)}", asUser, ClientJsonContext.Default.JsonElement, ct);

    /// <summary>Publishes a room in (or removes it from) the room directory.</summary>
    public Task SetDirectoryVisibilityAsync(RoomId room, bool isPublic, UserId? asUser, CancellationToken ct) =>
        SendAsync(HttpMethod.Put, $"{V3}directory/list/room/{Esc(room.Value)}", asUser, new VisibilityRequest(isPublic ? "public" : "private"),
            ClientJsonContext.Default.VisibilityRequest, ClientJsonContext.Default.JsonElement, ct);

    private static string Ts(DateTimeOffset? timestamp) =>
        timestamp is { } at ? "?ts=" + at.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty;
}
