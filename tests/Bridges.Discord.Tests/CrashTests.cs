using System.Globalization;
using Bridges.Testing;
using Bridges.Tests.Shared;

namespace Bridges.Discord.Tests;

/// <summary>
/// No loss and no duplicate across a crash, each way. Discord → Matrix: the Gateway does not replay across a restart,
/// so what was in flight or posted while the bridge was down comes back through the core's outbox and catch-up
/// backfill, deduplicated by the message map. Matrix → Discord: a webhook call whose answer was lost is found again
/// by the delivery probe instead of being posted twice.
/// </summary>
public sealed class CrashTests
{
    private static readonly TimeSpan Timeout = DiscordBridgeHarness.Timeout;

    [Fact]
    public async Task Every_discord_message_arrives_once_in_order_when_the_host_is_killed_with_sends_in_flight()
    {
        const int Count = 30, BeforeKill = 10;
        HoldingHttpProxy? homeserver = null;
        await using var h = await DiscordBridgeHarness.StartAsync(configure: c =>
        {
            homeserver = HoldingHttpProxy.StartAsync(new Uri(c["homeserver:url"]!)).GetAwaiter().GetResult();
            c["homeserver:url"] = homeserver.Url.ToString();
        });
        await using var proxy = homeserver!;
        var matrix = await h.Host.CreateUserAsync("reader");
        var room = await h.JoinPortalAsync(matrix);
        h.Emulator.Post(h.General, h.Alice, Line(0));
        await matrix.WaitForMessageAsync(room, b => b == Line(0), Timeout);

        // The ghost's next send to the room hangs at the homeserver; the messages after it wait in the portal's queue.
        var hold = proxy.Hold(r => r.Method == "PUT" && r.Path.Value!.Contains($"/rooms/{room.Value}/send/m.room.message/", StringComparison.Ordinal));
        for (var i = 1; i < BeforeKill; i++)
        {
            h.Emulator.Post(h.General, h.Alice, Line(i));
        }

        await TestWait.UntilAsync(() => proxy.HeldRequests > 0, "a ghost's send to be held at the homeserver", Timeout);
        await h.Host.KillAsync();
        hold.Dispose();
        for (var i = BeforeKill; i < Count; i++)
        {
            // Posted while the bridge is down: no Gateway session sees them.
            h.Emulator.Post(h.General, h.Alice, Line(i));
        }

        await h.Host.RestartAsync();

        await matrix.WaitForMessageAsync(room, b => b == Line(Count - 1), Timeout);
        var bodies = (await matrix.GetMessagesAsync(room))
            .Where(e => e.GetProperty("type").GetString() == "m.room.message" && e.GetProperty("sender").GetString() == h.GhostOf(h.Alice))
            .Select(e => e.GetProperty("content").GetProperty("body").GetString())
            .ToList();
        Assert.Equal(Enumerable.Range(0, Count).Select(Line), bodies);
        h.Emulator.AssertNoViolations();
    }

    /// <param name="answerLost">
    /// True: Discord posted the message and the bridge died before the answer (the probe must find it). False: the
    /// bridge died before the call reached Discord (the probe must say it is not there, so it is posted).
    /// </param>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_matrix_message_interrupted_by_a_crash_is_on_discord_once_and_stays_mapped(bool answerLost)
    {
        HoldingHttpProxy? api = null;
        await using var h = await DiscordBridgeHarness.StartAsync(configure: c =>
        {
            api = HoldingHttpProxy.StartAsync(new Uri(c["bridges:discord:cdnbaseurl"]!)).GetAwaiter().GetResult();
            c["bridges:discord:apibaseurl"] = new Uri(api.Url, "api/").ToString();
        });
        await using var proxy = api!;
        var matrix = await h.Host.CreateUserAsync("writer");
        var room = await h.JoinPortalAsync(matrix);
        await matrix.SendTextAsync(room, "one");
        await h.Emulator.WaitForMessageAsync(h.General, m => m.Content == "one", Timeout);

        bool Execute(Microsoft.AspNetCore.Http.HttpRequest r) => r.Method == "POST" && r.Path.Value!.StartsWith("/api/v10/webhooks/", StringComparison.Ordinal);
        var hold = answerLost ? proxy.HoldAnswers(Execute) : proxy.Hold(Execute);
        var two = await matrix.SendTextAsync(room, "two");
        await TestWait.UntilAsync(() => proxy.HeldRequests > 0, "the webhook call to be held", Timeout);
        Assert.Equal(answerLost ? 1 : 0, h.Emulator.MessagesIn(h.General).Count(m => m.Content == "two"));
        await h.Host.KillAsync();
        hold.Dispose();
        await h.Host.RestartAsync();

        // Matrix events of a room go out in order: once "three" is on Discord, "two" was settled.
        await matrix.SendTextAsync(room, "three");
        await h.Emulator.WaitForMessageAsync(h.General, m => m.Content == "three", Timeout);
        Assert.Single(h.Emulator.MessagesIn(h.General), m => m.Content == "two");

        // Mapped to its event: a redaction on Matrix deletes it on Discord.
        await matrix.RedactAsync(room, two);
        await h.Emulator.WaitUntilAsync(e => e.MessagesIn(h.General).All(m => m.Content != "two"), Timeout, "the deletion of \"two\"");
        Assert.Equal(["one", "three"], h.Emulator.MessagesIn(h.General).Select(m => m.Content));
        h.Emulator.AssertNoViolations();
    }

    private static string Line(int i) => string.Create(CultureInfo.InvariantCulture, $"burst {i:D2}");
}
