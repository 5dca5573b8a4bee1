using System.Text.Json.Nodes;
using Bridges.Matrix.Ids;
using Bridges.Testing;
using Microsoft.Extensions.Logging;

namespace Bridges.Telegram.Tests;

/// <summary>Who may join a portal, and telling the admin when the bot's privacy mode hides group messages.</summary>
public sealed class AccessAndPrivacyTests
{
    private static readonly TimeSpan Timeout = TelegramBridgeHarness.Timeout;

    private static async Task<string?> JoinRuleAsync(TelegramBridgeHarness h, RoomId room)
    {
        var state = await h.Host.Bridge.Bridge.Intents.Bot.GetStateAsync(room, CancellationToken.None);
        return state.Single(e => e.Type == "m.room.join_rules").Content.GetProperty("join_rule").GetString();
    }

    [Fact]
    public async Task Portal_of_a_private_telegram_group_is_invite_only_and_of_a_public_one_public()
    {
        await using var h = await TelegramBridgeHarness.StartAsync(configure: c => c["bridges:telegram:publicportals"] = "false");
        var stranger = await h.Host.CreateUserAsync("stranger");
        var open = h.Emulator.CreateSupergroup("Open tea", h.Alice, username: "open_tea");
        h.Emulator.AddBotToChat(open, h.Bot, h.Alice, asAdministrator: true);

        h.Emulator.SendText(h.Group, h.Alice, "members only");
        h.Emulator.SendText(open, h.Alice, "all welcome");
        var closedRoom = await h.WaitForPortalRoomAsync(h.Group);
        var openRoom = await h.WaitForPortalRoomAsync(open);

        Assert.Equal("knock", await JoinRuleAsync(h, closedRoom));
        await Assert.ThrowsAnyAsync<Exception>(() => stranger.JoinAsync(closedRoom.Value));
        await Assert.ThrowsAnyAsync<Exception>(() => h.JoinPortalAsync(stranger));
        Assert.Equal("public", await JoinRuleAsync(h, openRoom));
        await stranger.JoinAsync(openRoom.Value);
        await stranger.WaitForMessageAsync(openRoom, b => b == "all welcome", Timeout);
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Knock_on_a_closed_portal_lets_in_users_of_the_bridge_and_turns_away_the_rest()
    {
        await using var h = await TelegramBridgeHarness.StartAsync(configure: c => c["bridges:telegram:publicportals"] = "false");
        var member = await h.Host.CreateUserAsync("member");
        var outsider = await h.Host.CreateUserAsync("outsider");
        h.Host.Configuration["bridges:telegram:permissions:none:0"] = outsider.UserId.Value;
        await h.Host.RestartAsync();
        h.Emulator.SendText(h.Group, h.Alice, "before the knock");
        var room = await h.WaitForPortalRoomAsync(h.Group);

        await member.KnockAsync(room.Value, "I relay here");
        await member.WaitForInviteAsync(r => r == room, Timeout);
        await member.JoinAsync(room.Value);
        h.Emulator.SendText(h.Group, h.Alice, "after the knock");
        await member.WaitForMessageAsync(room, b => b == "after the knock", Timeout);

        await outsider.KnockAsync(room.Value);
        var refusal = await member.WaitForEventAsync(room, e => e.GetProperty("type").GetString() == "m.room.member"
            && e.GetProperty("state_key").GetString() == outsider.UserId.Value
            && e.GetProperty("content").GetProperty("membership").GetString() == "leave", Timeout);
        Assert.Equal(h.Host.Bridge.Bridge.Intents.BotUserId.Value, refusal.GetProperty("sender").GetString());
        await Assert.ThrowsAnyAsync<Exception>(() => outsider.JoinAsync(room.Value));
    }

    [Fact]
    public async Task Public_portals_option_opens_every_group_portal()
    {
        await using var h = await TelegramBridgeHarness.StartAsync(configure: c => c["bridges:telegram:publicportals"] = "true");

        h.Emulator.SendText(h.Group, h.Alice, "hello");
        var room = await h.WaitForPortalRoomAsync(h.Group);

        Assert.Equal("public", await JoinRuleAsync(h, room));
    }

    [Fact]
    public async Task Bot_with_privacy_mode_on_is_reported_in_the_log_and_in_the_portal()
    {
        var logs = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        await using var h = await TelegramBridgeHarness.StartAsync(loggers: loggers, privacyMode: true, botIsAdministrator: false);
        var matrix = await h.Host.CreateUserAsync("reader");

        // With privacy mode on, a plain message never reaches the bot; a mention does, and opens the portal.
        h.Emulator.SendText(h.Group, h.Bob, "nobody bridges this");
        h.Emulator.SendText(h.Group, h.Alice, "hello @relay_bot");
        var room = await h.WaitForPortalRoomAsync(h.Group);
        await matrix.JoinAsync(room.Value);

        var notice = await matrix.WaitForMessageAsync(room, b => b.Contains("privacy mode", StringComparison.Ordinal), Timeout);
        Assert.Equal("m.notice", notice.GetProperty("content").GetProperty("msgtype").GetString());
        Assert.Contains("/setprivacy", notice.GetProperty("content").GetProperty("body").GetString(), StringComparison.Ordinal);
        await matrix.WaitForMessageAsync(room, b => b == "hello @relay_bot", Timeout);
        Assert.Contains(logs.Lines, l => l.Contains("privacy mode on", StringComparison.Ordinal) && l.Contains("relay_bot", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Everything, l => l.Contains(h.Bot.Token, StringComparison.Ordinal));
        Assert.Single(matrix.Timeline(room), e => e.GetProperty("content").TryGetProperty("body", out var b) && b.GetString()!.Contains("privacy mode", StringComparison.Ordinal));
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task Linking_a_personal_bot_with_privacy_mode_on_warns_in_the_login_reply()
    {
        await using var h = await TelegramBridgeHarness.StartAsync(configure: c => c["bridges:telegram:permissions:user:0"] = "localhost");
        var mine = h.Emulator.CreateBot("Mine", "mine_bot");
        var owner = await h.Host.CreateUserAsync("owner");
        var bot = h.Host.Bridge.Bridge.Intents.BotUserId.Value;
        var management = await owner.CreateRoomAsync(new JsonObject
        {
            ["preset"] = "private_chat", ["is_direct"] = true, ["invite"] = new JsonArray(bot),
            ["power_level_content_override"] = new JsonObject { ["users"] = new JsonObject { [owner.UserId.Value] = 100, [bot] = 50 } },
        });
        await owner.WaitForMessageAsync(management, b => b.StartsWith("Hello!", StringComparison.Ordinal), Timeout);

        await owner.SendTextAsync(management, "login bot");
        await owner.WaitForMessageAsync(management, b => b.Contains("Bot token", StringComparison.Ordinal), Timeout);
        await owner.SendTextAsync(management, mine.Token);

        var reply = await owner.WaitForMessageAsync(management, b => b.Contains("Linked", StringComparison.Ordinal), Timeout);
        var body = reply.GetProperty("content").GetProperty("body").GetString()!;
        Assert.Contains("privacy mode on", body, StringComparison.Ordinal);
        Assert.Contains("/setprivacy", body, StringComparison.Ordinal);
        Assert.DoesNotContain(mine.Token, body, StringComparison.Ordinal);
    }
}
