using System.Text.Json;
using Bridges.Core.Security;
using Bridges.Discord.Gateway;
using Bridges.Emulators.Discord;
using Bridges.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bridges.Discord.Tests;

public sealed class GatewayClientTests
{
    /// <summary>Heartbeats every 200 ms, so zombie detection and resumes happen within a test.</summary>
    private static DiscordEmulatorOptions FastHeartbeats => new() { HeartbeatInterval = TimeSpan.FromMilliseconds(200) };

    private static readonly GatewaySettings Fast = new(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(200));

    private static DiscordGatewayClient Client(ClientWorld w, GatewayRecorder recorder, string? token = null, GatewayIntents intents = GatewayIntents.Bridge) =>
        new(new Secret(token ?? w.Bot.Token!), intents, Fast, TimeProvider.System, NullLogger.Instance, recorder);

    private static async Task<Uri> UrlAsync(ClientWorld w) => new((await w.Rest.GetGatewayBotAsync(CancellationToken.None)).Url);

    private static bool Content(JsonElement d, string text) => d.GetProperty("content").GetString() == text;

    [Fact]
    public async Task Identifies_gets_ready_and_the_guild_and_then_dispatches_in_order()
    {
        await using var w = await ClientWorld.StartAsync(FastHeartbeats);
        var recorder = new GatewayRecorder();
        await using var gateway = Client(w, recorder);

        await gateway.ConnectAsync(await UrlAsync(w), CancellationToken.None);
        var guild = await recorder.WaitForAsync("GUILD_CREATE");
        w.Emulator.Post(w.Channel, w.Alice, "one");
        w.Emulator.Post(w.Channel, w.Alice, "two");
        await recorder.WaitForAsync("MESSAGE_CREATE", d => Content(d, "two"));

        Assert.NotNull(gateway.SessionId);
        Assert.Equal("Tea party", guild.GetProperty("name").GetString());
        Assert.Equal(["one", "two"], recorder.Seen.Where(s => s.Type == "MESSAGE_CREATE").Select(s => s.Data.GetProperty("content").GetString()));
        await TestWait.UntilAsync(() => w.Emulator.Heartbeats >= 2, "two heartbeats were sent");
        Assert.Equal(1, w.Emulator.Identifies);
        w.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task A_resumable_close_resumes_and_replays_what_was_missed()
    {
        await using var w = await ClientWorld.StartAsync(FastHeartbeats);
        var recorder = new GatewayRecorder();
        await using var gateway = Client(w, recorder);
        await gateway.ConnectAsync(await UrlAsync(w), CancellationToken.None);
        var session = gateway.SessionId;

        w.Emulator.CloseGateway(4000);
        // Posted while the bot may be away: RESUME replays it.
        w.Emulator.Post(w.Channel, w.Alice, "while away");
        await recorder.WaitForAsync("MESSAGE_CREATE", d => Content(d, "while away"));
        await recorder.WaitForAsync("RESUMED");

        Assert.Equal(session, gateway.SessionId);
        Assert.Equal(1, w.Emulator.Identifies);
        Assert.Equal(1, w.Emulator.Resumes);
        Assert.Equal(1, recorder.Count("MESSAGE_CREATE"));
        w.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Op_7_reconnect_resumes_the_session()
    {
        await using var w = await ClientWorld.StartAsync(FastHeartbeats);
        var recorder = new GatewayRecorder();
        await using var gateway = Client(w, recorder);
        await gateway.ConnectAsync(await UrlAsync(w), CancellationToken.None);

        w.Emulator.RequestReconnect();
        await recorder.WaitForAsync("RESUMED");
        w.Emulator.Post(w.Channel, w.Alice, "after reconnect");
        await recorder.WaitForAsync("MESSAGE_CREATE", d => Content(d, "after reconnect"));

        Assert.Equal(1, w.Emulator.Identifies);
        Assert.Equal(1, w.Emulator.Resumes);
        w.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task A_session_timeout_or_invalid_session_identifies_afresh()
    {
        await using var w = await ClientWorld.StartAsync(FastHeartbeats);
        var recorder = new GatewayRecorder();
        await using var gateway = Client(w, recorder);
        await gateway.ConnectAsync(await UrlAsync(w), CancellationToken.None);
        var first = gateway.SessionId;

        w.Emulator.CloseGateway(4009);
        await TestWait.UntilAsync(() => recorder.Count("READY") == 2, "a second READY after 4009");
        w.Emulator.InvalidateSessions(resumable: false);
        await TestWait.UntilAsync(() => recorder.Count("READY") == 3, "a third READY after INVALID_SESSION false");

        Assert.Equal(3, w.Emulator.Identifies);
        Assert.Equal(0, w.Emulator.Resumes);
        Assert.NotEqual(first, gateway.SessionId);
        w.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Unacknowledged_heartbeats_mark_a_zombie_that_is_replaced_and_resumed()
    {
        await using var w = await ClientWorld.StartAsync(FastHeartbeats);
        var recorder = new GatewayRecorder();
        await using var gateway = Client(w, recorder);
        await gateway.ConnectAsync(await UrlAsync(w), CancellationToken.None);

        w.Emulator.AcknowledgeHeartbeats = false;
        await TestWait.UntilAsync(() => gateway.Connections >= 2, "a new connection after the zombie");
        w.Emulator.AcknowledgeHeartbeats = true;
        await recorder.WaitForAsync("RESUMED");

        Assert.Equal(1, w.Emulator.Identifies);
        w.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task A_wrong_token_closes_with_4004_and_stops_for_good()
    {
        await using var w = await ClientWorld.StartAsync(FastHeartbeats);
        var recorder = new GatewayRecorder();
        await using var gateway = Client(w, recorder, token: "MTIz.not-the-token");

        var fatal = await Assert.ThrowsAsync<GatewayFatalException>(async () => await gateway.ConnectAsync(await UrlAsync(w), CancellationToken.None));

        Assert.Equal(4004, fatal.CloseCode);
        Assert.DoesNotContain("not-the-token", fatal.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<GatewayFatalException>(() => gateway.Completion);
        Assert.Equal(1, gateway.Connections);
    }

    [Fact]
    public async Task Privileged_intents_not_switched_on_close_with_4014_and_say_what_to_do()
    {
        await using var w = await ClientWorld.StartAsync(FastHeartbeats, privilegedIntents: false);
        var recorder = new GatewayRecorder();
        await using var gateway = Client(w, recorder);

        var fatal = await Assert.ThrowsAsync<GatewayFatalException>(async () => await gateway.ConnectAsync(await UrlAsync(w), CancellationToken.None));

        Assert.Equal(4014, fatal.CloseCode);
        Assert.Contains("Message Content", fatal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_message_content_intent_content_arrives_empty()
    {
        await using var w = await ClientWorld.StartAsync(FastHeartbeats);
        var recorder = new GatewayRecorder();
        await using var gateway = Client(w, recorder, intents: GatewayIntents.Guilds | GatewayIntents.GuildMessages);
        await gateway.ConnectAsync(await UrlAsync(w), CancellationToken.None);

        w.Emulator.Post(w.Channel, w.Alice, "secret words");
        var message = await recorder.WaitForAsync("MESSAGE_CREATE");

        Assert.Equal(string.Empty, message.GetProperty("content").GetString());
    }
}
