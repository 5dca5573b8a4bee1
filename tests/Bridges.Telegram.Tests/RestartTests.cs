namespace Bridges.Telegram.Tests;

public sealed class RestartTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Restart_in_a_burst_of_telegram_messages_loses_and_duplicates_nothing(bool kill)
    {
        await using var h = await TelegramBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("reader");
        var room = await h.JoinPortalAsync(matrix);
        const int Count = 30;

        for (var i = 0; i < Count / 2; i++)
        {
            h.Emulator.SendText(h.Group, h.Alice, $"burst {i:D2}");
        }

        await matrix.WaitForMessageAsync(room, b => b == "burst 02", TelegramBridgeHarness.Timeout);
        if (kill)
        {
            await h.Host.KillAsync();
        }

        await h.Host.RestartAsync();
        for (var i = Count / 2; i < Count; i++)
        {
            h.Emulator.SendText(h.Group, h.Alice, $"burst {i:D2}");
        }

        await matrix.WaitForMessageAsync(room, b => b == $"burst {Count - 1:D2}", TelegramBridgeHarness.Timeout);
        await h.Emulator.WaitForUpdatesConsumedAsync(h.Bot, TelegramBridgeHarness.Timeout);
        var bodies = matrix.Timeline(room)
            .Where(e => e.GetProperty("type").GetString() == "m.room.message")
            .Select(e => e.GetProperty("content").GetProperty("body").GetString())
            .ToList();
        Assert.Equal(Enumerable.Range(0, Count).Select(i => $"burst {i:D2}"), bodies);
        h.Emulator.AssertNoViolations();
    }
}
