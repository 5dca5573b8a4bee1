using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Bridges.Matrix.Client;
using Bridges.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bridges.Bench;

/// <summary>
/// The Matrix side of the load: plain Client-Server API calls as the bridge's appservice acting for test users
/// (<c>?user_id=</c>, users of the <c>e2e_</c> namespace), so a thousand users need no logins; and one logged-in
/// watcher whose <c>/sync</c> loop reports each message with the time its sync answer arrived.
/// </summary>
internal sealed class BenchMatrixClient : IDisposable
{
    private const string SyncFilter = """{"room":{"timeline":{"limit":1000},"state":{"lazy_load_members":true}},"presence":{"not_types":["*"]}}""";
    private readonly HttpClient _http;
    private readonly HttpClient _plainHttp = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly MatrixClient _appService;
    private readonly Uri _homeserverUrl;
    private readonly string _serverName;
    private long _txn;

    public BenchMatrixClient(BridgeTestHost host)
        : this(host.HomeserverUrl, host.ServerName, host.Registration.AsToken)
    {
    }

    /// <summary>A client of any homeserver that has the bridge's registration (<paramref name="asToken"/>) with the <c>e2e_</c> namespace.</summary>
    public BenchMatrixClient(Uri homeserverUrl, string serverName, string asToken)
    {
        _homeserverUrl = homeserverUrl;
        _serverName = serverName;
        _http = new HttpClient { BaseAddress = homeserverUrl, Timeout = TimeSpan.FromSeconds(60) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", asToken);
        _appService = new MatrixClient(_plainHttp, homeserverUrl, asToken, new MatrixClientOptions(), TimeProvider.System, NullLogger<MatrixClient>.Instance);
    }

    /// <summary>A test user id for <paramref name="name"/> (registered on first use by <see cref="RegisterAsync"/>).</summary>
    public string UserId(string name) => $"@{TestEnvironment.TestUserPrefix}{name}:{_serverName}";

    public async Task RegisterAsync(string userId, CancellationToken ct)
    {
        var localpart = userId[1..userId.IndexOf(':', StringComparison.Ordinal)];
        await _appService.RegisterAppServiceUserAsync(localpart, ct);
    }

    /// <summary>Joins the portal of an IRC channel through its alias (the user's puppet joins the channel) and returns the room id.</summary>
    public Task<string> JoinChannelAsync(string userId, string channel, CancellationToken ct) =>
        JoinAliasAsync(userId, $"#irc_{IrcBenchEnv.Network}/{channel}:{_serverName}", ct);

    /// <summary>Joins a portal through its alias (<c>#discord_…</c> without the server name gets it appended) and returns the room id.</summary>
    public async Task<string> JoinAliasAsync(string userId, string alias, CancellationToken ct)
    {
        alias = alias.Contains(':', StringComparison.Ordinal) ? alias : $"{alias}:{_serverName}";
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var response = await _http.PostAsync($"_matrix/client/v3/join/{Uri.EscapeDataString(alias)}?user_id={Uri.EscapeDataString(userId)}",
                    new StringContent("{}", Encoding.UTF8, "application/json"), ct);
                return (await ReadAsync(response, ct)).GetProperty("room_id").GetString()!;
            }
            catch (HttpRequestException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound && clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                // The alias resolves once the relay bot is connected to the server (IRC) or has the guild (Discord).
                await Task.Delay(500, ct);
            }
        }
    }

    public async Task SendTextAsync(string userId, string roomId, string text, CancellationToken ct)
    {
        var txn = $"b{Interlocked.Increment(ref _txn)}.{Environment.TickCount64}";
        var body = JsonSerializer.Serialize(new Dictionary<string, string> { ["msgtype"] = "m.text", ["body"] = text });
        using var response = await _http.PutAsync($"_matrix/client/v3/rooms/{Uri.EscapeDataString(roomId)}/send/m.room.message/{txn}?user_id={Uri.EscapeDataString(userId)}",
            new StringContent(body, Encoding.UTF8, "application/json"), ct);
        await ReadAsync(response, ct);
    }

    /// <summary>
    /// Logs <paramref name="userId"/> in and syncs until <paramref name="ct"/> ends, calling <paramref name="onMessage"/>
    /// with each <c>m.room.message</c> body and the <see cref="Stopwatch"/> timestamp of the sync answer that held it.
    /// </summary>
    public async Task SyncAsync(string userId, Action<string, long> onMessage, CancellationToken ct)
    {
        var (_, token) = await _appService.LoginAppServiceUserAsync(Matrix.Ids.UserId.Parse(userId), "bench", ct);
        using var http = new HttpClient { BaseAddress = _homeserverUrl, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        string? since = null;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var url = $"_matrix/client/v3/sync?timeout=5000&filter={Uri.EscapeDataString(SyncFilter)}" + (since is null ? string.Empty : "&since=" + Uri.EscapeDataString(since));
                using var response = await http.GetAsync(url, ct);
                var body = await ReadAsync(response, ct);
                var arrived = Stopwatch.GetTimestamp();
                since = body.GetProperty("next_batch").GetString();
                if (body.TryGetProperty("rooms", out var rooms) && rooms.TryGetProperty("join", out var joined))
                {
                    foreach (var room in joined.EnumerateObject())
                    {
                        if (!room.Value.TryGetProperty("timeline", out var timeline) || !timeline.TryGetProperty("events", out var events))
                        {
                            continue;
                        }

                        foreach (var evt in events.EnumerateArray())
                        {
                            if (evt.GetProperty("type").GetString() == "m.room.message" && evt.GetProperty("content").TryGetProperty("body", out var text))
                            {
                                onMessage(text.GetString() ?? string.Empty, arrived);
                            }
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(200, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _plainHttp.Dispose();
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode} from {response.RequestMessage?.RequestUri?.AbsolutePath}: {text}", null, response.StatusCode);
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
