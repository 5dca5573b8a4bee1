using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bridges.Emulators.Discord.Validation;

namespace Bridges.Emulators.Discord.Tests;

/// <summary>The emulator over plain HTTP and WebSocket, without the bridge's clients: what any Discord client would see.</summary>
public sealed class RawHttpTests
{
    private static async Task<(DiscordEmulator Emulator, HttpClient Http, World.EmulatedUser Bot, World.EmulatedChannel Channel, World.EmulatedUser Alice)> StartAsync(DiscordEmulatorOptions? options = null)
    {
        var emulator = new DiscordEmulator(options);
        await emulator.StartAsync();
        var bot = emulator.CreateBot("Relay");
        var alice = emulator.AddUser("alice");
        var guild = emulator.CreateGuild("Guild", alice);
        emulator.AddMember(guild, bot);
        var channel = emulator.CreateTextChannel(guild, "general", 0);
        var http = new HttpClient { BaseAddress = new Uri(emulator.BaseUrl, "api/v10/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bot", bot.Token);
        return (emulator, http, bot, channel, alice);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Requests_without_the_bot_token_get_401()
    {
        var (emulator, http, _, _, _) = await StartAsync();
        await using var _e = emulator;
        using var _h = http;
        using var anonymous = new HttpClient { BaseAddress = http.BaseAddress };

        using var response = await anonymous.GetAsync("users/@me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(emulator.Violations);
    }

    [Fact]
    public async Task A_body_the_spec_refuses_gets_400_and_is_recorded_as_the_clients_violation()
    {
        var (emulator, http, _, channel, _) = await StartAsync();
        await using var _e = emulator;
        using var _h = http;

        // content must be a string; allowed_mentions.parse items must be one of users/roles/everyone.
        using var response = await http.PostAsync($"channels/{channel.Id}/messages", Json("""{"content": 5}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var violation = Assert.Single(emulator.Violations);
        Assert.Equal(SpecViolationKind.Request, violation.Kind);
        Assert.Equal("POST /channels/{channel_id}/messages", violation.Operation);
        Assert.Contains("$.content", violation.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_answer_of_the_emulated_routes_fits_the_spec()
    {
        var (emulator, http, bot, channel, alice) = await StartAsync();
        await using var _e = emulator;
        using var _h = http;
        var posted = emulator.Post(channel, alice, $"hi <@{bot.Id}>");

        foreach (var path in new[] { "gateway/bot", "users/@me", $"users/{alice.Id}", $"channels/{channel.Id}", $"guilds/{channel.GuildId}/channels", $"channels/{channel.Id}/messages?limit=10", $"channels/{channel.Id}/messages/{posted.Id}" })
        {
            using var response = await http.GetAsync(path);
            Assert.True(response.IsSuccessStatusCode, path);
        }

        using var created = await http.PostAsync($"channels/{channel.Id}/messages", Json($$$"""{"content":"reply","message_reference":{"message_id":"{{{posted.Id}}}"},"allowed_mentions":{"parse":[]}}"""));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        using var reacted = await http.PutAsync($"channels/{channel.Id}/messages/{posted.Id}/reactions/{Uri.EscapeDataString("🍵")}/@me", null);
        Assert.Equal(HttpStatusCode.NoContent, reacted.StatusCode);
        using var webhook = await http.PostAsync($"channels/{channel.Id}/webhooks", Json("""{"name":"Matrix bridge"}"""));
        var hook = JsonNode.Parse(await webhook.Content.ReadAsStringAsync())!;
        using var executed = await new HttpClient().PostAsync(new Uri(emulator.BaseUrl, $"api/v10/webhooks/{hook["id"]}/{hook["token"]}?wait=true"), Json("""{"content":"as someone","username":"Someone"}"""));
        Assert.Equal(HttpStatusCode.OK, executed.StatusCode);
        Assert.Equal("Someone", JsonNode.Parse(await executed.Content.ReadAsStringAsync())!["author"]!["username"]!.GetValue<string>());
        using var listed = await http.GetAsync($"channels/{channel.Id}/messages");
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);

        emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Rate_limit_headers_count_down_and_the_429_says_how_long_to_wait()
    {
        var (emulator, http, _, channel, _) = await StartAsync(new DiscordEmulatorOptions { BucketLimit = 2, BucketWindow = TimeSpan.FromMinutes(1) });
        await using var _e = emulator;
        using var _h = http;

        using var first = await http.PostAsync($"channels/{channel.Id}/messages", Json("""{"content":"1"}"""));
        using var second = await http.PostAsync($"channels/{channel.Id}/messages", Json("""{"content":"2"}"""));
        using var third = await http.PostAsync($"channels/{channel.Id}/messages", Json("""{"content":"3"}"""));

        Assert.Equal("2", first.Headers.GetValues("X-RateLimit-Limit").Single());
        Assert.Equal("1", first.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.Equal("0", second.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.Equal(first.Headers.GetValues("X-RateLimit-Bucket").Single(), second.Headers.GetValues("X-RateLimit-Bucket").Single());
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal("user", third.Headers.GetValues("X-RateLimit-Scope").Single());
        var body = JsonDocument.Parse(await third.Content.ReadAsStringAsync()).RootElement;
        Assert.InRange(body.GetProperty("retry_after").GetDouble(), 1, 60);
        Assert.False(body.GetProperty("global").GetBoolean());
        Assert.Equal(2, emulator.MessagesIn(channel).Count);

        emulator.InjectRateLimit(TimeSpan.FromSeconds(2), global: true);
        using var global = await http.GetAsync("users/@me");
        Assert.Equal("true", global.Headers.GetValues("X-RateLimit-Global").Single());
        Assert.Equal("global", global.Headers.GetValues("X-RateLimit-Scope").Single());
        emulator.AssertNoViolations();
    }

    [Fact]
    public async Task The_gateway_says_hello_and_identify_gets_ready_with_a_resume_url()
    {
        var (emulator, http, bot, _, _) = await StartAsync();
        await using var _e = emulator;
        using var _h = http;
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{emulator.BaseUrl.Authority}/gateway?v=10&encoding=json"), CancellationToken.None);

        var hello = await ReceiveAsync(socket);
        Assert.Equal(10, hello.GetProperty("op").GetInt32());
        Assert.True(hello.GetProperty("d").GetProperty("heartbeat_interval").GetInt32() > 0);
        await SendAsync(socket, $$$$"""{"op":2,"d":{"token":"{{{{bot.Token}}}}","intents":513,"properties":{"os":"linux","browser":"test","device":"test"}}}""");
        var ready = await ReceiveAsync(socket);
        Assert.Equal("READY", ready.GetProperty("t").GetString());
        Assert.Equal(1, ready.GetProperty("s").GetInt32());
        Assert.StartsWith("ws://", ready.GetProperty("d").GetProperty("resume_gateway_url").GetString(), StringComparison.Ordinal);
        var guild = await ReceiveAsync(socket);
        Assert.Equal("GUILD_CREATE", guild.GetProperty("t").GetString());
        Assert.Equal(2, guild.GetProperty("s").GetInt32());
        await SendAsync(socket, """{"op":1,"d":2}""");
        Assert.Equal(11, (await ReceiveAsync(socket)).GetProperty("op").GetInt32());
        emulator.AssertNoViolations();
    }

    [Fact]
    public async Task An_unknown_opcode_closes_with_4001()
    {
        var (emulator, http, _, _, _) = await StartAsync();
        await using var _e = emulator;
        using var _h = http;
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{emulator.BaseUrl.Authority}/gateway?v=10&encoding=json"), CancellationToken.None);
        await ReceiveAsync(socket);

        await SendAsync(socket, """{"op":42,"d":null}""");
        var buffer = new byte[1024];
        var result = await socket.ReceiveAsync(buffer, CancellationToken.None);

        Assert.Equal(WebSocketMessageType.Close, result.MessageType);
        Assert.Equal(4001, (int)result.CloseStatus!.Value);
    }

    private static Task SendAsync(ClientWebSocket socket, string json) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<JsonElement> ReceiveAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return JsonDocument.Parse(message.ToArray()).RootElement.Clone();
            }
        }
    }
}
