using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bridges.Matrix.Ids;

namespace Bridges.Testing;

/// <summary>Client-Server API calls beyond sending, all as specified (no homeserver-specific behaviour).</summary>
public sealed partial class MatrixTestUser
{
    /// <summary>Creates a room with a <c>createRoom</c> request body (e.g. <c>invite</c>, <c>is_direct</c>, <c>preset</c>) and returns its id.</summary>
    public async Task<RoomId> CreateRoomAsync(JsonObject request, CancellationToken ct = default)
    {
        var body = await PostAsync("_matrix/client/v3/createRoom", request, ct).ConfigureAwait(false);
        return RoomId.Parse(body.GetProperty("room_id").GetString()!);
    }

    /// <summary>Redacts an event and returns the redaction's event id.</summary>
    public async Task<EventId> RedactAsync(RoomId room, EventId target, string? reason = null, CancellationToken ct = default)
    {
        var txn = $"r{Interlocked.Increment(ref _txn)}.{Environment.TickCount64}";
        var content = reason is null ? new JsonObject() : new JsonObject { ["reason"] = reason };
        var body = await SendAsync(HttpMethod.Put, $"_matrix/client/v3/rooms/{Uri.EscapeDataString(room.Value)}/redact/{Uri.EscapeDataString(target.Value)}/{txn}", content, ct).ConfigureAwait(false);
        return EventId.Parse(body.GetProperty("event_id").GetString()!);
    }

    /// <summary>Starts (for 30 seconds) or stops typing in a room.</summary>
    public Task SetTypingAsync(RoomId room, bool typing, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Put, $"_matrix/client/v3/rooms/{Uri.EscapeDataString(room.Value)}/typing/{Uri.EscapeDataString(UserId.Value)}",
            typing ? new JsonObject { ["typing"] = true, ["timeout"] = 30000 } : new JsonObject { ["typing"] = false }, ct);

    /// <summary>Sends a public read receipt (<c>m.read</c>) for an event.</summary>
    public Task SendReadReceiptAsync(RoomId room, EventId eventId, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, $"_matrix/client/v3/rooms/{Uri.EscapeDataString(room.Value)}/receipt/m.read/{Uri.EscapeDataString(eventId.Value)}", new JsonObject(), ct);

    /// <summary>Sets the user's display name.</summary>
    public Task SetDisplayNameAsync(string displayName, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Put, $"_matrix/client/v3/profile/{Uri.EscapeDataString(UserId.Value)}/displayname", new JsonObject { ["displayname"] = displayName }, ct);

    /// <summary>The current state event of <paramref name="type"/> and <paramref name="stateKey"/> (the whole event), or null when there is none.</summary>
    public async Task<JsonElement?> GetStateEventAsync(RoomId room, string type, string stateKey = "", CancellationToken ct = default)
    {
        var state = await SendAsync(HttpMethod.Get, $"_matrix/client/v3/rooms/{Uri.EscapeDataString(room.Value)}/state", null, ct).ConfigureAwait(false);
        foreach (var evt in state.EnumerateArray())
        {
            if (evt.GetProperty("type").GetString() == type && evt.GetProperty("state_key").GetString() == stateKey)
            {
                return evt;
            }
        }

        return null;
    }

    /// <summary>
    /// The room's whole timeline, oldest first, read with <c>/messages</c> (unlike <see cref="Timeline"/>, this
    /// does not depend on what the sync loop happened to see).
    /// </summary>
    public async Task<IReadOnlyList<JsonElement>> GetMessagesAsync(RoomId room, CancellationToken ct = default)
    {
        var events = new List<JsonElement>();
        string? from = null;
        while (true)
        {
            var path = $"_matrix/client/v3/rooms/{Uri.EscapeDataString(room.Value)}/messages?dir=b&limit=500" + (from is null ? string.Empty : "&from=" + Uri.EscapeDataString(from));
            var page = await SendAsync(HttpMethod.Get, path, null, ct).ConfigureAwait(false);
            var chunk = page.GetProperty("chunk");
            events.AddRange(chunk.EnumerateArray());
            if (chunk.GetArrayLength() == 0 || !page.TryGetProperty("end", out var end) || end.ValueKind != JsonValueKind.String)
            {
                break;
            }

            from = end.GetString();
        }

        events.Reverse();
        return events;
    }

    /// <summary>Any Client-Server API call (path relative to the homeserver, body JSON or none); returns the JSON answer.</summary>
    /// <exception cref="HttpRequestException">The homeserver answered with an error (its status is in the exception).</exception>
    public async Task<JsonElement> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
        return await ReadAsync(response, ct).ConfigureAwait(false);
    }

    /// <summary>Uploads a file to the media repository and returns its <c>mxc://</c> URI.</summary>
    public async Task<string> UploadAsync(byte[] content, string contentType, string fileName, CancellationToken ct = default)
    {
        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        using var response = await _http.PostAsync($"_matrix/media/v3/upload?filename={Uri.EscapeDataString(fileName)}", body, ct).ConfigureAwait(false);
        return (await ReadAsync(response, ct).ConfigureAwait(false)).GetProperty("content_uri").GetString()!;
    }

    /// <summary>The user's own view of another user's presence (<c>presence</c>, <c>status_msg</c>).</summary>
    public Task<JsonElement> GetPresenceAsync(string userId, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, $"_matrix/client/v3/presence/{Uri.EscapeDataString(userId)}/status", null, ct);
}
