using Bridges.Testing;
using Microsoft.Extensions.Logging;

namespace Bridges.Telegram.Tests;

public sealed class SecretTests
{
    [Fact]
    public async Task Bot_token_never_reaches_the_logs()
    {
        using var capture = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(capture).SetMinimumLevel(LogLevel.Trace));
        string token;
        await using (var h = await TelegramBridgeHarness.StartAsync(loggers: loggers))
        {
            token = h.Bot.Token;
            var matrix = await h.Host.CreateUserAsync("writer");
            var room = await h.JoinPortalAsync(matrix);
            h.Emulator.SendText(h.Group, h.Alice, "ping");
            await matrix.WaitForMessageAsync(room, b => b == "ping", TelegramBridgeHarness.Timeout);
            await matrix.SendTextAsync(room, "pong");
            await h.Emulator.WaitForBotMessageAsync(m => m.Text?.EndsWith("pong", StringComparison.Ordinal) == true, TelegramBridgeHarness.Timeout);
            h.Emulator.AssertNoViolations();
        }

        var secret = token[(token.IndexOf(':', StringComparison.Ordinal) + 1)..];
        Assert.Contains(capture.Lines, l => l.Contains("Telegram bot @relay_bot", StringComparison.Ordinal));
        Assert.DoesNotContain(capture.Lines, l => l.Contains(secret, StringComparison.Ordinal));
    }
}
