using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bridges.Core.Bridge;
using Bridges.Core.Network;
using Bridges.Loopback;
using Bridges.Matrix.Ids;
using Bridges.Matrix.Registration;
using Bridges.Testing;

namespace Bridges.Core.Tests.Support;

/// <summary>
/// A bridge host with the loopback network, plus the steps most tests share: logging a Matrix user in, opening a
/// portal, talking to the bot. Everything goes through the Client-Server API, the provisioning API or the network.
/// </summary>
internal sealed class LoopbackHarness : IAsyncDisposable
{
    public const string SharedSecret = "provisioning-secret-for-tests";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http = new();

    private LoopbackHarness(LoopbackNetwork network, BridgeTestHost host)
    {
        Network = network;
        Host = host;
    }

    public LoopbackNetwork Network { get; }

    public BridgeTestHost Host { get; }

    public NetworkBridge Bridge => Host.Bridge.Bridge;

    public UserId Bot => Bridge.Intents.BotUserId;

    /// <summary>
    /// Starts a host where everyone is a <c>user</c> and provisioning has <see cref="SharedSecret"/>; <paramref name="configure"/>
    /// gets keys relative to <c>bridges:loopback:</c> (<c>storage:</c> and <c>homeserver:</c> keys stay at the root, and
    /// <c>homeserver:url</c> comes filled in), the registration and the server name.
    /// </summary>
    public static async Task<LoopbackHarness> StartAsync(Action<IDictionary<string, string?>, AppServiceRegistration, string>? configure = null, LoopbackNetwork? network = null,
        Microsoft.Extensions.Logging.ILoggerFactory? loggers = null)
    {
        network ??= new LoopbackNetwork();
        var prefix = $"bridges:{network.Name}:";
        var host = await BridgeTestHost.StartAsync(network.Plugin, (config, registration) =>
        {
            var own = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
            {
                ["permissions:user:0"] = "*",
                ["provisioning:sharedsecret"] = SharedSecret,
                ["homeserver:url"] = config["homeserver:url"],
            };
            configure?.Invoke(own, registration, config["homeserver:servername"]!);
            foreach (var (key, value) in own)
            {
                var root = key.StartsWith("storage:", StringComparison.Ordinal) || key.StartsWith("homeserver:", StringComparison.Ordinal);
                config[root ? key : prefix + key] = value;
            }
        }, loggers);
        return new LoopbackHarness(network, host);
    }

    public UserId Ghost(LoopbackUser user) => Bridge.GhostUserId(user.Id);

    public Task<MatrixTestUser> UserAsync(string name) => Host.CreateUserAsync(name);

    /// <summary>Logs <paramref name="user"/> in as <paramref name="account"/> through the provisioning API.</summary>
    public async Task LoginAsync(MatrixTestUser user, LoopbackUser account, string password)
    {
        var start = await ReadJsonAsync(await ProvisionAsync(HttpMethod.Post, "login/start/password", user.UserId, SharedSecret));
        Assert.Equal("user_input", start.GetProperty("type").GetString());
        var step = await ReadJsonAsync(await ProvisionAsync(HttpMethod.Post, $"login/step/{start.GetProperty("process_id").GetString()}", user.UserId, SharedSecret,
            new JsonObject { ["fields"] = new JsonObject { ["username"] = account.Username, ["password"] = password } }));
        Assert.Equal("complete", step.GetProperty("type").GetString());
    }

    /// <summary>A provisioning API request as <paramref name="user"/>, with <paramref name="secret"/> as the bearer token (none when null).</summary>
    public async Task<HttpResponseMessage> ProvisionAsync(HttpMethod method, string path, UserId user, string? secret, JsonObject? body = null)
    {
        var url = new Uri(Host.App.ListenUrl, $"{Host.Bridge.PathPrefix.Trim('/')}/_bridges/provision/v1/{path}?user_id={Uri.EscapeDataString(user.Value)}".TrimStart('/'));
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        if (secret is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        }

        return await _http.SendAsync(request);
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
            return JsonDocument.Parse(text).RootElement.Clone();
        }
    }

    /// <summary>
    /// Opens a chat's portal the lazy way: <paramref name="by"/> posts in it, the bridge creates the room and invites
    /// the owner of the receiving login. Returns the room once <paramref name="owner"/> sees the message there.
    /// </summary>
    public async Task<RoomId> OpenPortalAsync(MatrixTestUser owner, string chat, LoopbackUser? by = null)
    {
        var text = $"{chat} is open";
        var evt = (by ?? Network.Alice).Send(chat, text);
        Assert.Equal(RemoteEventResult.Bridged, await evt.Acknowledged.WaitAsync(Timeout));
        var room = await Bridge.GetPortalRoomAsync(Network.Chat(chat).PortalKey, CancellationToken.None) ?? throw new InvalidOperationException($"No room for {chat}.");
        await owner.WaitForMessageAsync(room, b => b == text);
        return room;
    }

    /// <summary>Creates a direct room with the bot and waits for its greeting: the user's management room.</summary>
    public async Task<RoomId> OpenManagementRoomAsync(MatrixTestUser user)
    {
        var room = await user.CreateRoomAsync(new JsonObject { ["invite"] = new JsonArray(Bot.Value), ["is_direct"] = true, ["preset"] = "trusted_private_chat" });
        await WaitForNoticeAsync(user, room, b => b.Contains("management room", StringComparison.Ordinal));
        return room;
    }

    /// <summary>Sends a command and waits for the bot's notice after it that satisfies <paramref name="reply"/>.</summary>
    public async Task<string> CommandAsync(MatrixTestUser user, RoomId room, string command, Func<string, bool> reply)
    {
        var sent = await user.SendTextAsync(room, command);
        return await WaitForNoticeAsync(user, room, reply, after: sent);
    }

    /// <summary>Waits for a notice from the bot in <paramref name="room"/> (later than <paramref name="after"/>, when given) and returns its body.</summary>
    public async Task<string> WaitForNoticeAsync(MatrixTestUser user, RoomId room, Func<string, bool> body, EventId? after = null)
    {
        // The timeline is scanned once, in order, so this flag turns on at the command and stays on.
        var passed = after is null;
        var notice = await user.WaitForEventAsync(room, e =>
        {
            if (!passed)
            {
                passed = e.Id() == after!.Value.Value;
                return false;
            }

            return e.Sender() == Bot.Value && e.Type() == "m.room.message" && e.Content().TryGetProperty("msgtype", out var t) && t.GetString() == "m.notice"
                && body(e.Body() ?? string.Empty);
        });
        return notice.Body()!;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Host.DisposeAsync();
    }
}
