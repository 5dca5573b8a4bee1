using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bridges.Matrix.Ids;

namespace Bridges.Testing;

/// <summary>
/// A human test user with its own access token, speaking plain Client-Server API (spec only, so tests run
/// against any homeserver). Its <c>/sync</c> loop lets tests await what arrives in a room.
/// </summary>
public sealed class MatrixTestUser : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly List<JsonElement> _timeline = [];
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
    public async Task<JsonElement> WaitForEventAsync(RoomId room, Func<JsonElement, bool> match, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout ?? TimeSpan.FromSeconds(30));
        var seen = 0;
        while (true)
        {
            Task changed;
            lock (_timeline)
            {
                changed = _changed.Task;
                for (; seen < _timeline.Count; seen++)
                {
                    var evt = _timeline[seen];
                    if (evt.GetProperty("room_id").GetString() == room.Value && match(evt))
                    {
                        return evt;
                    }
                }
            }

            try
            {
                await changed.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException($"{UserId} saw no matching event in {room} within the timeout.");
            }
        }
    }

    /// <summary>Waits for an <c>m.room.message</c> whose body satisfies <paramref name="body"/>.</summary>
    public Task<JsonElement> WaitForMessageAsync(RoomId room, Func<string, bool> body, TimeSpan? timeout = null, CancellationToken ct = default) =>
        WaitForEventAsync(room, e => e.GetProperty("type").GetString() == "m.room.message"
            && e.GetProperty("content").TryGetProperty("body", out var b) && body(b.GetString() ?? string.Empty), timeout, ct);

    /// <summary>Every timeline event seen so far in <paramref name="room"/>.</summary>
    public IReadOnlyList<JsonElement> Timeline(RoomId room)
    {
        lock (_timeline)
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
            throw new HttpRequestException($"{(int)response.StatusCode} from {response.RequestMessage?.RequestUri?.AbsolutePath}: {text}");
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
                var url = "_matrix/client/v3/sync?timeout=5000" + (since is null ? string.Empty : "&since=" + Uri.EscapeDataString(since));
                using var response = await _http.GetAsync(url, _stop.Token).ConfigureAwait(false);
                var body = await ReadAsync(response, _stop.Token).ConfigureAwait(false);
                since = body.GetProperty("next_batch").GetString();
                await AcceptInvitesAsync(body).ConfigureAwait(false);
                var added = 0;
                if (body.TryGetProperty("rooms", out var rooms) && rooms.TryGetProperty("join", out var joined))
                {
                    foreach (var room in joined.EnumerateObject())
                    {
                        if (!room.Value.TryGetProperty("timeline", out var timeline) || !timeline.TryGetProperty("events", out var events))
                        {
                            continue;
                        }

                        lock (_timeline)
                        {
                            foreach (var evt in events.EnumerateArray())
                            {
                                // Sync omits room_id inside room sections; add it so tests can filter.
                                var node = JsonNode.Parse(evt.GetRawText())!.AsObject();
                                node["room_id"] = room.Name;
                                _timeline.Add(JsonDocument.Parse(node.ToJsonString()).RootElement.Clone());
                                added++;
                            }

                            if (added > 0)
                            {
                                // Wake every waiter: each re-checks the timeline from where it stopped.
                                Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
                            }
                        }
                    }
                }

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
