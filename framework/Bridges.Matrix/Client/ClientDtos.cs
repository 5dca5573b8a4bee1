using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bridges.Matrix.Client;

// Small wire shapes used only inside the client; kept together because each is one or two fields.
internal sealed record RegisterRequest(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("username")] string Username,
    [property: JsonPropertyName("inhibit_login")] bool InhibitLogin);

internal sealed record LoginIdentifier(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("user")] string User);

internal sealed record LoginRequest(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("identifier")] LoginIdentifier Identifier,
    [property: JsonPropertyName("password")] string? Password,
    [property: JsonPropertyName("initial_device_display_name")] string? DeviceName);

internal sealed record LoginResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("device_id")] string? DeviceId);

internal sealed record EventIdResponse([property: JsonPropertyName("event_id")] string EventId);

internal sealed record RoomIdResponse([property: JsonPropertyName("room_id")] string RoomId);

internal sealed record ResolveAliasResponse(
    [property: JsonPropertyName("room_id")] string RoomId,
    [property: JsonPropertyName("servers")] IReadOnlyList<string>? Servers);

internal sealed record WhoAmIResponse(
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("device_id")] string? DeviceId);

internal sealed record VersionsResponse([property: JsonPropertyName("versions")] IReadOnlyList<string> Versions);

internal sealed record ContentUriResponse([property: JsonPropertyName("content_uri")] string ContentUri);

internal sealed record JoinedMembersResponse([property: JsonPropertyName("joined")] Dictionary<string, JoinedMember> Joined);

internal sealed record JoinedRoomsResponse([property: JsonPropertyName("joined_rooms")] IReadOnlyList<string> JoinedRooms);

internal sealed record MembershipRequest(
    [property: JsonPropertyName("user_id")] string? UserId,
    [property: JsonPropertyName("reason")] string? Reason);

internal sealed record ReasonRequest([property: JsonPropertyName("reason")] string? Reason);

internal sealed record TypingRequest(
    [property: JsonPropertyName("typing")] bool Typing,
    [property: JsonPropertyName("timeout")] long? Timeout);

internal sealed record PresenceRequest(
    [property: JsonPropertyName("presence")] string Presence,
    [property: JsonPropertyName("status_msg")] string? StatusMessage);

internal sealed record ReadMarkersRequest(
    [property: JsonPropertyName("m.fully_read")] string? FullyRead,
    [property: JsonPropertyName("m.read")] string? Read);

internal sealed record DisplayNameRequest([property: JsonPropertyName("displayname")] string? DisplayName);

internal sealed record AvatarUrlRequest([property: JsonPropertyName("avatar_url")] string? AvatarUrl);

internal sealed record CreateAliasRequest([property: JsonPropertyName("room_id")] string RoomId);

internal sealed record VisibilityRequest([property: JsonPropertyName("visibility")] string Visibility);

internal sealed record PingRequest([property: JsonPropertyName("transaction_id")] string? TransactionId);

internal sealed record PingResponse([property: JsonPropertyName("duration_ms")] long DurationMs);

internal sealed record EmptyResponse;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RegisterRequest))]
[JsonSerializable(typeof(LoginRequest))]
[JsonSerializable(typeof(LoginResponse))]
[JsonSerializable(typeof(EventIdResponse))]
[JsonSerializable(typeof(RoomIdResponse))]
[JsonSerializable(typeof(ResolveAliasResponse))]
[JsonSerializable(typeof(WhoAmIResponse))]
[JsonSerializable(typeof(VersionsResponse))]
[JsonSerializable(typeof(ContentUriResponse))]
[JsonSerializable(typeof(JoinedMembersResponse))]
[JsonSerializable(typeof(JoinedRoomsResponse))]
[JsonSerializable(typeof(MembershipRequest))]
[JsonSerializable(typeof(ReasonRequest))]
[JsonSerializable(typeof(TypingRequest))]
[JsonSerializable(typeof(ReadMarkersRequest))]
[JsonSerializable(typeof(PresenceRequest))]
[JsonSerializable(typeof(DisplayNameRequest))]
[JsonSerializable(typeof(AvatarUrlRequest))]
[JsonSerializable(typeof(CreateAliasRequest))]
[JsonSerializable(typeof(VisibilityRequest))]
[JsonSerializable(typeof(PingRequest))]
[JsonSerializable(typeof(PingResponse))]
[JsonSerializable(typeof(EmptyResponse))]
[JsonSerializable(typeof(CreateRoomRequest))]
[JsonSerializable(typeof(Profile))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(List<Bridges.Matrix.Events.MatrixEvent>))]
internal sealed partial class ClientJsonContext : JsonSerializerContext;
