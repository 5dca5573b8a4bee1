using Bridges.Tests.Shared;

namespace Bridges.Discord.Tests;

public sealed class BackfillTests
{
    private static readonly TimeSpan Timeout = DiscordBridgeHarness.Timeout;

    [Fact]
    public async Task Messages_posted_while_the_bridge_was_down_are_caught_up_in_order_after_a_restart()
    {
        await using var h = await DiscordBridgeHarness.StartAsync();
        var matrix = await h.Host.CreateUserAsync("reader");
        var room = await h.JoinPortalAsync(matrix);
        h.Emulator.Post(h.General, h.Alice, "before the outage");
        await matrix.WaitForMessageAsync(room, b => b == "before the outage", Timeout);

        await h.Host.KillAsync();
        await TestWait.UntilAsync(() => h.Emulator.OpenGatewayConnections == 0, "the killed bridge left the Gateway", Timeout);
        h.Emulator.Post(h.General, h.Alice, "missed one");
        h.Emulator.Post(h.General, h.Bob, "missed two");
        await h.Host.RestartAsync();

        var second = await matrix.WaitForMessageAsync(room, b => b == "missed two", Timeout);
        var bodies = matrix.Timeline(room).Where(e => e.GetProperty("type").GetString() == "m.room.message")
            .Select(e => e.GetProperty("content").GetProperty("body").GetString()).ToList();
        Assert.Equal(["before the outage", "missed one", "missed two"], bodies);
        Assert.Equal(h.GhostOf(h.Bob), second.GetProperty("sender").GetString());
        h.Emulator.AssertNoViolations();
    }

    [Fact]
    public async Task A_new_portal_gets_the_channels_recent_history_with_its_original_times()
    {
        await using var h = await DiscordBridgeHarness.StartAsync();
        // Posted while the bridge is away, so no live MESSAGE_CREATE creates the portal: only the backfill can bring them.
        await h.Host.KillAsync();
        await TestWait.UntilAsync(() => h.Emulator.OpenGatewayConnections == 0, "the killed bridge left the Gateway", Timeout);
        var posted = new[] { h.Emulator.Post(h.Random, h.Alice, "old one"), h.Emulator.Post(h.Random, h.Bob, "old two"), h.Emulator.Post(h.Random, h.Alice, "old three") };
        await h.Host.RestartAsync();
        var matrix = await h.Host.CreateUserAsync("reader");

        var room = await h.JoinPortalAsync(matrix, h.Random);

        await matrix.WaitForMessageAsync(room, b => b == "old three", Timeout);
        var messages = matrix.Timeline(room).Where(e => e.GetProperty("type").GetString() == "m.room.message").ToList();
        Assert.Equal(["old one", "old two", "old three"], messages.Select(e => e.GetProperty("content").GetProperty("body").GetString()));
        Assert.Equal(posted.Select(p => p.Timestamp.ToUnixTimeMilliseconds()), messages.Select(e => e.GetProperty("origin_server_ts").GetInt64()));
        Assert.Equal(h.GhostOf(h.Bob), messages[1].GetProperty("sender").GetString());
        h.Emulator.AssertNoViolations();
    }
}
