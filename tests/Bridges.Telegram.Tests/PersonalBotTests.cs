using Bridges.Testing;
using Microsoft.Extensions.Logging;
using System.Globalization;
using System.Text.Json.Nodes;
using Bridges.Core.Network.Ids;

namespace Bridges.Telegram.Tests;

/// <summary>A user links a bot of their own: people who message it reach that user in a direct-message portal.</summary>
public sealed class PersonalBotTests
{
    private static readonly TimeSpan Timeout = TelegramBridgeHarness.Timeout;

    [Fact]
    public async Task A_linked_personal_bot_bridges_its_private_chats_to_its_owner_only()
    {
        var logs = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        await using var h = await TelegramBridgeHarness.StartAsync(loggers: loggers, configure: c => c["bridges:telegram:permissions:user:0"] = "localhost");
        var mine = h.Emulator.CreateBot("Mine", "mine_bot");
        var owner = await h.Host.CreateUserAsync("owner");
        var bot = h.Host.Bridge.Bridge.Intents.BotUserId.Value;
        var management = await owner.CreateRoomAsync(new JsonObject
        {
            ["preset"] = "private_chat", ["is_direct"] = true, ["invite"] = new JsonArray(bot),
            ["power_level_content_override"] = new JsonObject { ["users"] = new JsonObject { [owner.UserId.Value] = 100, [bot] = 50 } },
        });
        await owner.WaitForMessageAsync(management, b => b.StartsWith("Hello!", StringComparison.Ordinal), Timeout);

        // Something that is no token is refused with a clear answer.
        await owner.SendTextAsync(management, "login bot");
        await owner.WaitForMessageAsync(management, b => b.Contains("Bot token", StringComparison.Ordinal), Timeout);
        await owner.SendTextAsync(management, "not-a-token");
        await owner.WaitForMessageAsync(management, b => b.StartsWith("Login failed: That is not a bot token", StringComparison.Ordinal), Timeout);

        // The token goes in a secret field, so the core redacts the message that holds it.
        await owner.SendTextAsync(management, "login bot");
        await owner.WaitForMessageAsync(management, b => b.Contains("Bot token", StringComparison.Ordinal) && !b.Contains("failed", StringComparison.Ordinal), Timeout);
        var secret = await owner.SendTextAsync(management, mine.Token);
        await owner.WaitForEventAsync(management, e => e.GetProperty("type").GetString() == "m.room.redaction"
            && (e.TryGetProperty("redacts", out var r) ? r : e.GetProperty("content").GetProperty("redacts")).GetString() == secret.Value, Timeout);
        await owner.WaitForMessageAsync(management, b => b.Contains("@mine_bot", StringComparison.Ordinal) && b.Contains("Linked", StringComparison.Ordinal), Timeout);

        // Someone writes to the personal bot: a DM portal for its owner, keyed to the login.
        var carol = h.Emulator.AddUser("Carol", null, "carol");
        var dm = h.Emulator.StartPrivateChat(mine, carol);
        h.Emulator.SendText(dm, carol, "hi, is this thing on?");
        var key = new PortalKey(new PortalId(dm.Id.ToString(CultureInfo.InvariantCulture)), new UserLoginId("bot-" + mine.Id.ToString(CultureInfo.InvariantCulture)));
        var room = await owner.WaitForInviteAsync(timeout: Timeout);
        await owner.JoinAsync(room.Value);
        var message = await owner.WaitForMessageAsync(room, b => b == "hi, is this thing on?", Timeout);
        Assert.Equal(h.GhostOf(carol), message.GetProperty("sender").GetString());
        Assert.Equal(room, await h.Host.Bridge.Bridge.GetPortalRoomAsync(key, CancellationToken.None));

        // The owner answers as their bot: no relay template, sent by the personal bot, not the relay bot.
        await owner.SendTextAsync(room, "loud and clear");
        var sent = await h.Emulator.WaitForBotMessageAsync(m => m.Text == "loud and clear", Timeout);
        Assert.Equal("mine_bot", sent.BotUsername);
        Assert.Equal(dm.Id, sent.ChatId);

        // In the relay bot's group the same user is still relayed by the relay bot.
        var group = await h.JoinPortalAsync(owner);
        await owner.SendTextAsync(group, "in the group");
        var relayed = await h.Emulator.WaitForBotMessageAsync(m => m.Text?.EndsWith("in the group", StringComparison.Ordinal) == true, Timeout);
        Assert.Equal("relay_bot", relayed.BotUsername);
        Assert.NotEqual("in the group", relayed.Text);

        // The token is sealed at rest and never logged.
        await using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={h.Host.DatabasePath}"))
        {
            await db.OpenAsync();
            await using var query = db.CreateCommand();
            query.CommandText = "SELECT metadata FROM user_logins UNION ALL SELECT v FROM kv_store UNION ALL SELECT json FROM as_inbox WHERE done = 1";
            await using var rows = await query.ExecuteReaderAsync();
            var stored = 0;
            while (await rows.ReadAsync())
            {
                stored++;
                Assert.DoesNotContain(mine.Token, rows.IsDBNull(0) ? string.Empty : rows.GetString(0), StringComparison.Ordinal);
            }

            Assert.True(stored > 0);
        }

        Assert.DoesNotContain(logs.Lines, l => l.Contains(mine.Token, StringComparison.Ordinal));
        h.Emulator.AssertNoViolations();
    }
}
