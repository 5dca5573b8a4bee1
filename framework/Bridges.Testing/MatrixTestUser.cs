using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bridges.Matrix.Ids;

namespace Bridges.Testing;

/// <summary>
/// A human test user with its own access token, speaking plain Client-Server API (spec only, so tests run
/// against any homeserver). Its <c>/sync</c> loop accepts invites and lets tests await what arrives in a room:
/// timeline events, ephemeral events (typing, receipts) and invites.
/// </summary>
public sealed partial class MatrixTestUser : IAsyncDisposable
{
    // A generous timeline limit so a burst between two syncs is not cut to the server's default (a "limited" gap).
    private static readonly string SyncFilter = Uri.EscapeDataString("""{"room":{"timeline":{"limit":1000}}}""");

    private readonly HttpClient _http;
    private readonly Lock _gate = new();
    private readonly List<JsonElement> _timeline = [];
    private readonly List<JsonElement> _ephemeral = [];
    private readonly List<RoomId> _invites = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sync;
    private long _txn;

    internal MatrixTestUser(UserId userId, Uri homeserver, string accessToken)
    {
        UserId = userId;
        _http = new HttpClient { BaseAddress = homeserver, Timeout = TimeSpan.FromSeconds(100) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        _sync = Task.Run(SyncLoopAsync);
    }

    /// <summary>The user.</summary>
    public UserId UserId { get; }

    /// <summary>Joins a room by id or alias and returns its id.</summary>
    public async Task<RoomId> JoinAsync(string roomIdOrAlias, CancellationToken ct = default)
    {
        var body = await PostAsync($"_matrix/client/v3/join/{Uri.EscapeDataString(roomIdOrAlias)}", new JsonObject(), ct).ConfigureAwait(false);
        return RoomId.Parse(body.GetProperty("room_id").GetString()!);
    }

    /// <summary>Knocks on a room (asks to be let in) by id or alias, with an optional reason.</summary>
    public async Task KnockAsync(string roomIdOrAlias, string? reason = null, CancellationToken ct = default)
    {
        var body = reason is null ? new JsonObject() : new JsonObject { ["reason"] = reason };
        await PostAsync($"_matrix/client/v3/knock/{Uri.EscapeDataString(roomIdOrAlias)}", body, ct).ConfigureAwait(false);
    }

    /// <summary>Sends a text message (optionally with HTML) and returns its event id.</summary>
    public Task<EventId> SendTextAsync(RoomId room, string text, string? html = null, CancellationToken ct = default)
    {
        var content = new JsonObject { ["msgtype"] = "m.text", ["body"] = text };
        if (html is not null)
        {
            content["format"] = "org.matrix.custom.html";
            content["formatted_body"] = html;
        }

        return SendEventAsync(room, "m.room.message", content, ct);
    }

    /// <summary>Sends any room event.</summary>
    public async Task<EventId> SendEventAsync(RoomId room, string type, JsonObject content, CancellationToken ct = default)
    {
        var txn = $"t{Interlocked.Increment(ref _txn)}.{Environment.TickCount64}";
        using var response = await _http.PutAsJsonAsync($"_matrix/client/v3/rooms/{Uri.EscapeDataString(room.Value)}/send/{Uri.EscapeDataString(type)}/{txn}", content, ct).ConfigureAwait(false);
        var body = await ReadAsync(response, ct).ConfigureAwait(false);
        return EventId.Parse(body.GetProperty("event_id").GetString()!);
    }

    /// <summary>Waits until an event in <paramref name="room"/> matches <paramref name="match"/> and returns it.</summary>
    public Task<JsonElement> WaitForEventAsync(RoomId room, Func<JsonElement, bool> match, TimeSpan? timeout = null, CancellationToken ct = default) =>
        WaitAsync(_timeline, e => e.GetProperty("room_id").GetString() == room.Value && match(e), timeout, $"event in {room}", ct);

    /// <summary>Waits for an <c>m.room.message</c> whose body satisfies <paramref name="body"/>.</summary>
    public Task<JsonElement> WaitForMessageAsync(RoomId room, Func<string, bool> body, TimeSpan? timeout = null, CancellationToken ct = default) =>
        WaitForEventAsync(room, e => e.GetProperty("type").GetString() == "m.room.message"
            && e.GetProperty("content").TryGetProperty("body", out var b) && body(b.GetString() ?? string.Empty), timeout, ct);

    /// <summary>Waits until an ephemeral event of <paramref name="room"/> seen in <c>/sync</c> (<c>m.typing</c>, <c>m.receipt</c>) matches.</summary>
    public Task<JsonElement> WaitForEphemeralAsync(RoomId room, Func<JsonElement, bool> match, TimeSpan? timeout = null, CancellationToken ct = default) =>
        WaitAsync(_ephemeral, e => e.GetProperty("room_id").GetString() == room.Value && match(e), timeout, $"ephemeral event in {room}", ct);

    /// <summary>Waits until the user is invited to a room matching <paramref name="match"/> (any room when null) and returns it.</summary>
    /// <remarks>The sync loop accepts every invite, so the user is joined (or joining) by the time this returns.</remarks>
    public Task<RoomId> WaitForInviteAsync(Func<RoomId, bool>? match = null, TimeSpan? timeout = null, CancellationToken ct = default) =>
        WaitAsync(_invites, r => match?.Invoke(r) ?? true, timeout, "invite", ct);

    /// <summary>Every timeline event seen so far in <paramref name="room"/>.</summary>
    public IReadOnlyList<JsonElement> Timeline(RoomId room)
    {
        lock (_gate)
        {
            return _timeline.Where(e => e.GetProperty("room_id").GetString() == room.Value).ToList();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _sync.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _http.Dispose();
        _stop.Dispose();
    }

    private async Task<T> WaitAsync<T>(List<T> items, Func<T, bool> match, TimeSpan? timeout, string what, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout ?? TimeSpan.FromSeconds(30));
        var seen = 0;
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                changed = _changed.Task;
                for (; seen < items.Count; seen++)
                {
                    if (match(items[seen]))
                    {
                        return items[seen];
                    }
                }
            }

            try
            {
                await changed.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException($"{UserId} saw no matching {what} within the timeout.");
            }
        }
    }

    private async Task<JsonElement> PostAsync(string path, JsonObject body, CancellationToken ct)
    {
        using var response = await _http.PostAsJsonAsync(path, body, ct).ConfigureAwait(false);
        return await ReadAsync(response, ct).ConfigureAwait(false);
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode} from {response.RequestMessage?.RequestUri?.AbsolutePath}: {text}", null, response.StatusCode);
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task SyncLoopAsync()
    {
        string? since = null;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var url = $"_matrix/client/v3/sync?timeout=5000&filter={SyncFilter}" + (since is null ? string.Empty : "&since=" + Uri.EscapeDataString(since));
                using var response = await _http.GetAsync(url, _stop.Token).ConfigureAwait(false);
                var body = await ReadAsync(response, _stop.Token).ConfigureAwait(false);
                since = body.GetProperty("next_batch").GetString();
                Record(body);
                await AcceptInvitesAsync(body).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(200, _stop.Token).ConfigureAwait(false);
            }
        }
    }

    private void Record(JsonElement sync)
    {
        if (!sync.TryGetProperty("rooms", out var rooms))
        {
            return;
        }

        var added = 0;
        lock (_gate)
        {
            if (rooms.TryGetProperty("invite", out var invites))
            {
                foreach (var room in invites.EnumerateObject())
                {
                    _invites.Add(RoomId.Parse(room.Name));
                    added++;
                }
            }

            if (rooms.TryGetProperty("join", out var joined))
            {
                foreach (var room in joined.EnumerateObject())
                {
                    added += AddWithRoomId(room, "timeline", _timeline) + AddWithRoomId(room, "ephemeral", _ephemeral);
                }
            }

            if (added > 0)
            {
                // Wake every waiter: each re-checks its list from where it stopped.
                Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            }
        }
    }

    private static int AddWithRoomId(JsonProperty room, string section, List<JsonElement> into)
    {
        if (!room.Value.TryGetProperty(section, out var value) || !value.TryGetProperty("events", out var events))
        {
            return 0;
        }

        var added = 0;
        foreach (var evt in events.EnumerateArray())
        {
            // Sync omits room_id inside room sections; add it so tests can filter.
            var node = JsonNode.Parse(evt.GetRawText())!.AsObject();
            node["room_id"] = room.Name;
            into.Add(JsonDocument.Parse(node.ToJsonString()).RootElement.Clone());
            added++;
        }

        return added;
    }

    private async Task AcceptInvitesAsync(JsonElement sync)
    {
        if (sync.TryGetProperty("rooms", out var rooms) && rooms.TryGetProperty("invite", out var invites))
        {
            foreach (var room in invites.EnumerateObject())
            {
                try
                {
                    await PostAsync($"_matrix/client/v3/join/{Uri.EscapeDataString(room.Name)}", new JsonObject(), _stop.Token).ConfigureAwait(false);
                }
                catch (HttpRequestException)
                {
                    // The inviter may have left; tests that care will notice.
                }
            }
        }
    }
}
